# A buildbot master: Debian's buildbot, its basedir on the persistent volume, the role's master.cfg, and its
# workers kept current from slavealloc-service. Debian ships no web UI (buildbot-www); an empty base plugin
# lets the REST API start.
class relops_buildbot::master {
  $site = '/usr/local/lib/python3.11/dist-packages'
  file { ['/usr/local/lib/python3.11', $site, '/usr/local/share/relops']:
    ensure => directory,
    mode   => '0755',
  }
  file { "${site}/relops_www_base":
    ensure  => directory,
    recurse => true,
    source  => 'puppet:///modules/relops_buildbot/www-base/relops_www_base',
  }
  file { "${site}/relops_www_base-1.0.dist-info":
    ensure  => directory,
    recurse => true,
    source  => 'puppet:///modules/relops_buildbot/www-base/relops_www_base-1.0.dist-info',
  }
  file { '/usr/local/share/relops/master.cfg':
    source => 'puppet:///modules/relops_buildbot/master.cfg',
    mode   => '0644',
  }
  ['relops-master', 'relops-master-workers'].each |String $program| {
    file { "/usr/local/sbin/${program}":
      source => "puppet:///modules/relops_buildbot/${program}",
      mode   => '0755',
    }
  }
  $units = ['relops-buildbot-master.service', 'relops-master-workers.service']
  $units.each |String $unit| {
    file { "/etc/systemd/system/${unit}":
      source => "puppet:///modules/relops_buildbot/${unit}",
      mode   => '0644',
    }
  }
  # Debian's own units would start masters from /var/lib/buildbot/masters; relops runs exactly one.
  ['buildbot.service', 'buildbot@.service'].each |String $unit| {
    exec { "systemctl mask ${unit}":
      path    => ['/usr/bin', '/bin'],
      creates => "/etc/systemd/system/${unit}",
    }
  }
  exec { 'systemctl enable relops-buildbot-master.service relops-master-workers.service':
    path    => ['/usr/bin', '/bin'],
    creates => '/etc/systemd/system/multi-user.target.wants/relops-master-workers.service',
    require => File['/etc/systemd/system/relops-buildbot-master.service',
      '/etc/systemd/system/relops-master-workers.service', '/usr/local/sbin/relops-master',
      '/usr/local/sbin/relops-master-workers'],
  }
}
