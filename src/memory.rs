//! How the process holds memory. mimalloc, as it comes, asks the kernel
//! for transparent huge pages on its arenas (so touching a few bytes can
//! make 2 MB resident) and keeps freed pages a while before it gives them
//! back: a 10,000-server `list servers --json` peaked at 105 MB that way,
//! and at 60 MB with both turned off here (README, "Memory and scale").

/// mimalloc v3's `mi_option_purge_delay`, in milliseconds (its
/// include/mimalloc.h; the crate's own constants are v2's numbering).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Call first thing in `main`. Huge pages go off for the whole process
/// (the arenas are made before `main`, so the switch is the kernel's);
/// freed pages are given back at once unless `MIMALLOC_PURGE_DELAY` says
/// otherwise.
pub fn return_memory_early() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory
    // of ours; a refusal (an old kernel) only leaves huge pages on.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of mimalloc's option table, called before
        // any thread of ours starts.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    }
}
