//! How a process that is not the test (a browser test) steers the proxy: `POST /__faults/…`.

use super::wire::param;
use super::Shared;
use std::time::Duration;

/// Handles a control request: `POST /__faults/region?region=R&status=403&code=AccessDenied`
/// (refuse), `…/region?region=R&delay_ms=N` (slow down), `…/region?region=R` (heal),
/// `…/deny?action=TerminateInstances&id=i-…`, `…/clear`.
pub(super) fn control(target: &str, shared: &Shared) -> Result<(), String> {
    let proxy_path = target.split('?').next().unwrap_or_default();
    let mut faults = shared.faults.lock().unwrap();
    match proxy_path {
        "/__faults/region" => {
            let region = param(target, "region").ok_or("region= is required")?;
            let status = param(target, "status").and_then(|s| s.parse::<u16>().ok());
            let code = param(target, "code");
            let delay = param(target, "delay_ms").and_then(|s| s.parse::<u64>().ok());
            if status.is_none() && delay.is_none() {
                faults.regions.remove(&region);
                return Ok(());
            }
            let fault = faults.regions.entry(region).or_default();
            if let Some(status) = status {
                fault.refuse = Some((status, code.unwrap_or_else(|| "ServiceUnavailable".into())));
            }
            if let Some(ms) = delay {
                fault.delay = Duration::from_millis(ms);
            }
            Ok(())
        }
        "/__faults/deny" => {
            let action = param(target, "action").ok_or("action= is required")?;
            let id = param(target, "id").ok_or("id= is required")?;
            faults.denied.push((action, id));
            Ok(())
        }
        "/__faults/clear" => {
            faults.regions.clear();
            faults.denied.clear();
            Ok(())
        }
        other => Err(format!("unknown control path {other}")),
    }
}
