# A buildbot slave: a buildbot worker whose persistent volume (its builds, objdirs and caches) is /builds.
class { 'relops_base':
  role   => 'buildbot-slave',
  volume => '/builds',
}
# `gcc` is the base's compiler, whichever version the base pins (gcc-12 by default, gcc-11 for the older
# toolchain).
exec { 'link gcc to the pinned compiler':
  command  => 'ln -s "$(ls /usr/bin/gcc-[0-9]* | sort -V | tail -n 1)" /usr/local/bin/gcc',
  provider => shell,
  creates  => '/usr/local/bin/gcc',
}
include relops_buildbot::worker
