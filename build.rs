//! Links the `dossier` binary as a position-dependent executable on Linux (glibc, dynamically
//! linked; `DOSSIER_PIE=1` opts out).
//!
//! A search is a short process: a position-independent build spends a large part of it in the
//! dynamic loader, applying ~43,000 relocations and copying ~1 MB of relocated read-only data
//! (mostly dependencies' tables) into private pages. Linked with `-no-pie`, those addresses are
//! fixed at link time. `bench/startup.sh` measures both links side by side: on the bench index,
//! 568 -> 335 page faults and 3.43 -> 2.77 ms per search. The code is still compiled
//! position-independent, so nothing else
//! changes; the cost is that the executable's own code is not placed at a random address
//! (shared libraries, heap, stack and memory maps still are). ARCHITECTURE.md says why.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DOSSIER_PIE");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    // Dynamically linked glibc targets only: musl builds and `+crt-static` glibc builds are
    // static PIE, which `-no-pie` would break (the binary would crash at start). DOSSIER_PIE=1
    // keeps the default PIE link (hardened builds).
    let static_build = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && !static_build
        && var("DOSSIER_PIE") != "1"
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
