# A buildbot slave's worker: relops-worker.service fetches this boot's buildbot.tac from slavealloc-service
# and runs Debian's buildbot-worker with it, as the buildbot user, in a basedir on the persistent volume.
class relops_buildbot::worker {
  file { '/usr/local/sbin/relops-worker':
    source => 'puppet:///modules/relops_buildbot/relops-worker',
    mode   => '0755',
  }
  file { '/etc/systemd/system/relops-worker.service':
    source => 'puppet:///modules/relops_buildbot/relops-worker.service',
    mode   => '0644',
  }
  # Debian's own units would start workers from /var/lib/buildbot/workers; relops runs exactly one.
  exec { 'systemctl mask buildbot-worker@.service':
    path    => ['/usr/bin', '/bin'],
    creates => '/etc/systemd/system/buildbot-worker@.service',
  }
  exec { 'systemctl enable relops-worker.service':
    path    => ['/usr/bin', '/bin'],
    creates => '/etc/systemd/system/multi-user.target.wants/relops-worker.service',
    require => File['/etc/systemd/system/relops-worker.service', '/usr/local/sbin/relops-worker'],
  }
}
