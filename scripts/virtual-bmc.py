#!/usr/bin/python3
"""Virtual bare metal: one IPMI BMC (IPMI-over-LAN, lanplus) in front of one qemu host.

A stand-in for a real server and its BMC, as OpenStack's VirtualBMC builds it on Debian's pyghmi: relops
talks to it with ipmitool exactly as to a real BMC. The BMC owns its host: power on starts qemu (on a tap
device on the host's rack segment, in the environment's network namespace, with its own disk), power off
kills it, a cycle or reset does both, and the boot device set through IPMI decides how the next power-on
boots (network: PXE through relops' DHCP and iPXE; hd: the local disk). The host has no user networking:
only its segment. One process per BMC (several in one process share one blocking loop).

  virtual-bmc.py --name SYSTEM --address ADDR --credentials FILE --state DIR
                 --namespace NS --segment NAME --mac MAC [--port 623] [--memory-mib 768] [--disk-mib 2048]

FILE holds `user:password` (mode 0600); the password is never on a command line or in a log. The state
directory keeps the boot device, the disk, the console log and qemu's pid across restarts of the BMC; a host
that runs while its BMC restarts is adopted again.

Faults a test may inject, as files in the state directory (they model a broken host, not relops):
  fault-ignore-bootdev   the host accepts a boot device but always boots its disk (it never PXE-boots)
"""
import argparse
import hashlib
import os
import signal
import subprocess
import sys
import time

import pyghmi.ipmi.bmc as bmc


def log(message):
    print(f"virtual-bmc {ARGS.name}: {message}", flush=True)


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def in_namespace(*command):
    return ["ip", "netns", "exec", ARGS.namespace, *command]


def bridge_of(segment):
    """The bridge carrying the segment: its interface alias is the segment's name (scripts/network.sh)."""
    for line in run(*in_namespace("ip", "-o", "link", "show", "type", "bridge")).splitlines():
        name = line.split(":")[1].strip().split("@")[0]
        if line.rstrip().endswith(" alias " + segment):
            return name
    raise RuntimeError(f"segment {segment} has no bridge in namespace {ARGS.namespace}")


class VirtualHost:
    """The qemu host behind the BMC: its power state is whether its qemu process runs."""

    def __init__(self, state):
        self.state = state
        os.makedirs(state, exist_ok=True)
        self.pidfile = os.path.join(state, "qemu.pid")
        self.bootdev_file = os.path.join(state, "bootdev")
        self.disk = os.path.join(state, "disk.img")
        self.console = os.path.join(state, "console.log")
        self.tap = "rb" + hashlib.sha256(ARGS.name.encode()).hexdigest()[:12]

    def pid(self):
        try:
            with open(self.pidfile) as f:
                pid = int(f.read().strip())
            # A zombie still answers kill -0: read its state.
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                is_qemu = b"qemu-system" in f.read()
            return pid if state not in ("Z", "X") and is_qemu else None
        except (OSError, ValueError, IndexError):
            return None

    def powered(self):
        return self.pid() is not None

    def boot_device(self):
        try:
            with open(self.bootdev_file) as f:
                return f.read().strip() or "default"
        except OSError:
            return "default"

    def set_boot_device(self, device):
        with open(self.bootdev_file, "w") as f:
            f.write(device + "\n")
        log(f"boot device {device}")

    def power_on(self):
        if self.powered():
            return
        if not os.path.exists(self.disk):
            with open(self.disk, "wb") as f:
                f.truncate(ARGS.disk_mib * 1024 * 1024)
        subprocess.run(in_namespace("ip", "tuntap", "add", "dev", self.tap, "mode", "tap"),
                       capture_output=True)
        run(*in_namespace("ip", "link", "set", self.tap, "master", bridge_of(ARGS.segment), "up"))
        no_pxe = os.path.exists(os.path.join(self.state, "fault-ignore-bootdev"))
        network = self.boot_device() == "network" and not no_pxe
        # A host whose firmware never network-boots: its NIC has no boot ROM (SeaBIOS would otherwise fall back to
        # the NIC's iPXE once the disk turns out not to be bootable).
        nic_rom = ",romfile=" if no_pxe else ""
        command = in_namespace(
            "qemu-system-x86_64", "-name", "baremetal-" + ARGS.name, "-accel", "tcg,tb-size=256", "-cpu", "max",
            "-m", str(ARGS.memory_mib), "-smp", "1", "-nodefaults", "-display", "none",
            "-machine", "graphics=off", "-serial", "file:" + self.console,
            "-netdev", f"tap,id=n0,ifname={self.tap},script=no,downscript=no",
            "-device", f"virtio-net-pci,netdev=n0,mac={ARGS.mac}{nic_rom}",
            "-drive", f"file={self.disk},format=raw,if=virtio",
            "-boot", "n" if network else "c", "-pidfile", self.pidfile, "-daemonize")
        # Detached, with none of the BMC's sockets: a restarted BMC must be able to bind its port again.
        subprocess.run(command, check=True, close_fds=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.state, "qemu.log"), "a"),
                       start_new_session=True)
        log(f"powered on (boot {'network' if network else 'disk'})")

    def power_off(self):
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            for _ in range(100):
                if self.pid() is None:
                    break
                time.sleep(0.05)
            log("powered off")
        subprocess.run(in_namespace("ip", "link", "del", self.tap), capture_output=True)


class VirtualBmc(bmc.Bmc):
    def __init__(self, authdata, host):
        super().__init__(authdata, port=ARGS.port, address=ARGS.address)
        self.host = host

    def get_power_state(self):
        return "on" if self.host.powered() else "off"

    def power_on(self):
        self.host.power_on()

    def power_off(self):
        self.host.power_off()

    def power_shutdown(self):
        self.host.power_off()

    def power_cycle(self):
        self.host.power_off()
        self.host.power_on()

    def power_reset(self):
        self.power_cycle()

    def get_boot_device(self):
        return self.host.boot_device()

    def set_boot_device(self, bootdevice):
        self.host.set_boot_device(bootdevice)

    def cold_reset(self):
        return 0

    def is_active(self):
        return self.host.powered()


def main():
    global ARGS
    parser = argparse.ArgumentParser(description="an IPMI BMC in front of one qemu host")
    for flag in ("--name", "--address", "--credentials", "--state", "--namespace", "--segment", "--mac"):
        parser.add_argument(flag, required=True)
    parser.add_argument("--port", type=int, default=623)
    parser.add_argument("--memory-mib", type=int, default=768)
    parser.add_argument("--disk-mib", type=int, default=2048)
    ARGS = parser.parse_args()
    # A host that dies while the BMC writes to its console socket must not take the BMC with it.
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    with open(ARGS.credentials) as f:
        user, password = f.read().strip().split(":", 1)
    host = VirtualHost(ARGS.state)
    log(f"listening on {ARGS.address}:{ARGS.port} (host {'on' if host.powered() else 'off'})")
    VirtualBmc({user: password}, host).listen()


if __name__ == "__main__":
    sys.exit(main())
