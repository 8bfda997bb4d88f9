-- The classic buildbot 0.8 slave's tac (buildslave.bot.BuildSlave), the built-in template before buildbot-worker:
-- kept for pools of old slaves, which select it with default_tplid (or a slave with custom_tplid).
INSERT INTO tac_templates (name, template)
SELECT 'buildslave-0.8', $tac$# AUTOMATICALLY GENERATED - DO NOT MODIFY
# generated: %(gendate)s on %(genhost)s for master %(master)s
from twisted.application import service
from buildslave.bot import BuildSlave

maxdelay = 300
buildmaster_host = %(buildmaster_host)r
passwd = %(passwd)r
maxRotatedFiles = None
basedir = %(basedir)r
umask = 0o002
slavename = %(slavename)r
usepty = 1
rotateLength = 1000000
port = %(port)d
keepalive = None

application = service.Application('buildslave')
try:
    from twisted.python.logfile import LogFile
    from twisted.python.log import ILogObserver, FileLogObserver
    logfile = LogFile.fromFullPath("twistd.log", rotateLength=rotateLength, maxRotatedFiles=maxRotatedFiles)
    application.setComponent(ILogObserver, FileLogObserver(logfile).emit)
except ImportError:
    pass
s = BuildSlave(buildmaster_host, port, slavename, passwd, basedir,
               keepalive, usepty, umask=umask, maxdelay=maxdelay)
s.setServiceParent(application)
$tac$
WHERE NOT EXISTS (SELECT 1 FROM tac_templates WHERE lower(name) = 'buildslave-0.8');
