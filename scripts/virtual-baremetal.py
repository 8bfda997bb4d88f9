#!/usr/bin/python3
"""Virtual bare metal for an inventory: one qemu host behind its own IPMI BMC per `baremetal` system.

  virtual-baremetal.py up INVENTORY --namespace NS --secrets DIR --state DIR
  virtual-baremetal.py down --state DIR
  virtual-baremetal.py status --state DIR [--secrets DIR]

`up` starts, for every system with `provider: baremetal`, a BMC (scripts/virtual-bmc.py) listening at the
system's `identity.bmcAddress` (port 623) with credentials of its own: generated the first time (16 characters: IPMI 2.0 passwords are at most 20) into the
secret store file its `identity.secretRef` names (`vault:<path>` is DIR/<path>, `user:password`, mode 0600)
and kept after. Its host is a qemu VM on the segment of the system's NIC, powered off until relops powers it
on. The BMCs listen on loopback addresses of this host: the BMC network, which the machines' segments (in
the namespace) have no route to. Idempotent: a BMC already running is left alone. `down` powers every host
off and stops the BMCs; `status` lists each BMC, its address and its host's power.
"""
import argparse
import ipaddress
import os
import secrets
import signal
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def die(message):
    print(f"virtual bare metal: {message}", file=sys.stderr)
    sys.exit(1)


def baremetal_systems(inventory):
    with open(inventory) as f:
        tree = yaml.safe_load(f)
    segments = tree.get("segments") or []
    for system in tree.get("systems") or []:
        if system.get("provider") != "baremetal":
            continue
        identity = system.get("identity") or {}
        nic = system.get("nic") or {}
        name = system["name"]
        if not identity.get("bmcAddress") or not str(identity.get("secretRef", "")).startswith("vault:"):
            die(f"{name}: a virtual bare-metal system needs identity.bmcAddress and a vault: secretRef")
        if not ipaddress.ip_address(identity["bmcAddress"]).is_loopback:
            die(f"{name}: bmcAddress {identity['bmcAddress']} is not a loopback address of this host")
        yield {"name": name, "address": identity["bmcAddress"], "mac": nic["mac"],
               "secret": identity["secretRef"][len("vault:"):], "segment": nic.get("segment")
               or segment_serving(segments, system.get("location") or {}, name)}


def segment_serving(segments, location, name):
    """The one segment whose `serves` covers the system's datacenter and rack, as inventory-service finds it."""
    found = [s["name"] for s in segments if (s.get("serves") or {}).get("datacenter") == location.get("datacenter")
             and location.get("rack") in ((s.get("serves") or {}).get("racks") or [])]
    if len(found) != 1:
        die(f"{name}: {len(found)} segments serve its rack {location}")
    return found[0]


def credentials_file(secrets_dir, path):
    """The BMC's `user:password`, generated once; the directory and file are readable by root only."""
    file = os.path.join(secrets_dir, path)
    os.makedirs(os.path.dirname(file), mode=0o700, exist_ok=True)
    if not os.path.exists(file):
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as f:
            f.write(f"relops:{secrets.token_urlsafe(12)}\n")
    return file


def running_pid(pidfile):
    try:
        with open(pidfile) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return pid if b"virtual-bmc.py" in f.read() else None
    except (OSError, ValueError):
        return None


def ipmi(address, credentials, *command):
    """ipmitool over lanplus (cipher suite 3) with the password in its environment, never on its command line."""
    user, password = open(credentials).read().strip().split(":", 1)
    return subprocess.run(["ipmitool", "-I", "lanplus", "-C", "3", "-N", "1", "-R", "1", "-H", address, "-U", user,
                           "-E", *command], env={**os.environ, "IPMI_PASSWORD": password},
                          capture_output=True, text=True, timeout=15)


def up(args):
    for system in baremetal_systems(args.inventory):
        state = os.path.join(args.state, system["name"])
        os.makedirs(state, exist_ok=True)
        credentials = credentials_file(args.secrets, system["secret"])
        pidfile = os.path.join(state, "bmc.pid")
        if running_pid(pidfile) is None:
            with open(os.path.join(state, "bmc.log"), "a") as log:
                process = subprocess.Popen(
                    ["/usr/bin/python3", os.path.join(HERE, "virtual-bmc.py"), "--name", system["name"],
                     "--address", system["address"], "--credentials", credentials, "--state", state,
                     "--namespace", args.namespace, "--segment", system["segment"], "--mac", system["mac"]],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=True, start_new_session=True)
            with open(pidfile, "w") as f:
                f.write(f"{process.pid}\n")
        for _ in range(100):
            if ipmi(system["address"], credentials, "chassis", "power", "status").returncode == 0:
                break
            time.sleep(0.1)
        else:
            die(f"the BMC of {system['name']} does not answer at {system['address']}: see {state}/bmc.log")
        print(f"BMC {system['name']} at {system['address']} (host on segment {system['segment']})")


def down(args):
    if not os.path.isdir(args.state):
        return
    for name in sorted(os.listdir(args.state)):
        state = os.path.join(args.state, name)
        pid = running_pid(os.path.join(state, "bmc.pid"))
        if pid is not None:
            os.kill(pid, signal.SIGTERM)
            # Gone before this returns: a BMC started right after must be able to bind the same address.
            for _ in range(50):
                if running_pid(os.path.join(state, "bmc.pid")) is None:
                    break
                time.sleep(0.1)
        try:
            with open(os.path.join(state, "qemu.pid")) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
        except (OSError, ValueError):
            pass


def status(args):
    if not os.path.isdir(args.state):
        return
    for name in sorted(os.listdir(args.state)):
        state = os.path.join(args.state, name)
        running = running_pid(os.path.join(state, "bmc.pid")) is not None
        address = "?"
        try:
            with open(os.path.join(state, "bmc.log")) as f:
                for line in f:
                    if " listening on " in line:
                        address = line.split(" listening on ")[1].split(" ")[0]
        except OSError:
            pass
        print(f"    BMC {name:<16} {address:<18} {'running' if running else 'stopped'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("inventory", nargs="?")
    parser.add_argument("--namespace")
    parser.add_argument("--secrets")
    parser.add_argument("--state", required=True)
    args = parser.parse_args()
    if args.command == "up":
        if not (args.inventory and args.namespace and args.secrets):
            die("usage: virtual-baremetal.py up INVENTORY --namespace NS --secrets DIR --state DIR")
        up(args)
    elif args.command == "down":
        down(args)
    else:
        status(args)


if __name__ == "__main__":
    main()
