"""buildbot's www base plugin without a web UI.

Debian ships buildbot without buildbot-www, and without a base plugin buildbot's www service (and with it
the REST API, /api/v2, that relops asks) does not start. This plugin serves only an index page.
"""
from buildbot.www.plugin import Application

ep = Application(__name__, 'relops: the REST API only, no web UI')
