# What every relops real image is: its role and persistent volume written down for the boot, the network
# from DHCP (systemd-networkd, with the search domain it gives, and systemd-resolved), eth0 named eth0, and
# nothing running that a role does not need. Applied in a chroot at build time, so services are enabled and
# masked with systemctl (Puppet's service type refuses to work without a running systemd).
class relops_base (String $role, String $volume) {
  file { '/etc/relops':
    ensure => directory,
    mode   => '0755',
  }
  file { '/etc/relops/role':
    content => "${role}\n",
    mode    => '0644',
  }
  file { '/etc/relops/volume':
    content => "${volume}\n",
    mode    => '0644',
  }
  file { '/etc/systemd/network/20-eth0.network':
    content => "[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n\n[DHCPv4]\nUseDomains=yes\n",
    mode    => '0644',
  }
  # The boot's interface keeps the kernel's name: the initramfs and the boot URL speak of eth0.
  file { '/etc/systemd/network/99-default.link':
    ensure => link,
    target => '/dev/null',
  }
  exec { 'systemctl enable systemd-networkd systemd-resolved':
    path    => ['/usr/bin', '/bin'],
    creates => '/etc/systemd/system/multi-user.target.wants/systemd-networkd.service',
  }
  $masked = ['apt-daily.timer', 'apt-daily-upgrade.timer', 'e2scrub_all.timer', 'e2scrub_reap.service',
    'fstrim.timer', 'getty@tty1.service', 'puppet.service']
  $masked.each |String $unit| {
    exec { "systemctl mask ${unit}":
      path    => ['/usr/bin', '/bin'],
      creates => "/etc/systemd/system/${unit}",
    }
  }
  file { '/usr/local/sbin/relops-agent':
    source => 'puppet:///modules/relops_base/relops-agent',
    mode   => '0755',
  }
  file { '/etc/systemd/system/relops-agent.service':
    source => 'puppet:///modules/relops_base/relops-agent.service',
    mode   => '0644',
  }
  exec { 'systemctl enable relops-agent.service systemd-networkd-wait-online.service':
    path    => ['/usr/bin', '/bin'],
    creates => '/etc/systemd/system/multi-user.target.wants/relops-agent.service',
    require => File['/etc/systemd/system/relops-agent.service'],
  }
}
