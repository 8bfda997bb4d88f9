# A buildbot master: its basedir (/srv/buildbot/master) lives on its persistent volume /srv/buildbot.
class { 'relops_base':
  role   => 'buildbot-master',
  volume => '/srv/buildbot',
}
include relops_buildbot::master
