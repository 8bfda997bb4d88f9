-- When a booting machine first asked for its iPXE script: a machine that never did never network-booted (a
-- host whose firmware does not PXE-boot, a segment without DHCP), which its failure then says.
ALTER TABLE provisioning_operation ADD COLUMN script_served_at timestamptz;
