// Counts heap allocations (malloc, calloc, realloc, memalign family) made by threads that asked to be watched.
// Preloaded (LD_PRELOAD) under the soak so native code the .NET allocation counter cannot see — ONNX Runtime,
// the runtime itself — is counted on the audio thread too. It forwards to glibc's __libc_* entry points, which
// avoids the dlsym bootstrap problem (dlsym itself allocates).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <execinfo.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static __thread int watched;
static long long watched_calls, watched_bytes, all_calls, jit_calls;

static __thread int tracing;
static int trace_left = -1; // NS_MALLOC_COUNT_TRACE=N: print the native stack of the first N watched allocations

// Diagnosis only: the stack of a watched allocation on stderr (managed frames show as addresses).
static void trace(void)
{
    if (trace_left < 0)
    {
        const char *env = getenv("NS_MALLOC_COUNT_TRACE");
        trace_left = env ? atoi(env) : 0;
    }
    if (trace_left <= 0 || tracing) return;
    trace_left--;
    tracing = 1;
    void *frames[32];
    int n = backtrace(frames, 32);
    write(2, "-- watched allocation:\n", 23);
    backtrace_symbols_fd(frames, n, 2);
    tracing = 0;
}

// True when the allocation comes from the .NET runtime itself (libcoreclr: the prestub preparing a method the first
// time it runs, type loading; libclrjit: compiling it): the first frame outside this shim, operator new and libc
// tells. Such allocations exist only under the JIT-based runtime (the CLI, the test host); the NativeAOT plug-in
// prepares everything ahead of time, so the soak reports them apart. dladdr does not allocate.
static int from_dotnet_runtime(void)
{
    void *frames[16];
    int n = backtrace(frames, 16);
    for (int i = 1; i < n; i++)
    {
        Dl_info info;
        if (!dladdr(frames[i], &info) || !info.dli_fname) return 0; // managed code: no shared object
        const char *name = info.dli_fname;
        if (strstr(name, "libnsmalloccount") || strstr(name, "libstdc++") || strstr(name, "/libc.so")) continue;
        return strstr(name, "libcoreclr") != NULL || strstr(name, "libclrjit") != NULL;
    }
    return 0;
}

static inline void count(size_t bytes)
{
    __atomic_add_fetch(&all_calls, 1, __ATOMIC_RELAXED);
    if (watched && !tracing)
    {
        __atomic_add_fetch(&watched_calls, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&watched_bytes, (long long)bytes, __ATOMIC_RELAXED);
        tracing = 1;
        int jit = from_dotnet_runtime();
        if (jit) __atomic_add_fetch(&jit_calls, 1, __ATOMIC_RELAXED);
        tracing = 0;
        if (!jit) trace();
    }
}

// backtrace() loads libgcc_s (allocating) the first time: do that now, not inside a counted malloc.
__attribute__((constructor)) static void warm_backtrace(void)
{
    void *frame[1];
    backtrace(frame, 1);
}

void *malloc(size_t n) { count(n); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { count(a * b); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { count(n); return __libc_realloc(p, n); }
void free(void *p) { __libc_free(p); }
void *memalign(size_t a, size_t n) { count(n); return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { count(n); return __libc_memalign(a, n); }
void *valloc(size_t n) { count(n); return __libc_memalign(4096, n); }
int posix_memalign(void **out, size_t a, size_t n)
{
    count(n);
    void *p = __libc_memalign(a, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

// The API the soak calls through P/Invoke.
void ns_malloc_count_watch_this_thread(int on) { watched = on; }
long long ns_malloc_count_calls(void) { return __atomic_load_n(&watched_calls, __ATOMIC_RELAXED); }
long long ns_malloc_count_bytes(void) { return __atomic_load_n(&watched_bytes, __ATOMIC_RELAXED); }
long long ns_malloc_count_jit_calls(void) { return __atomic_load_n(&jit_calls, __ATOMIC_RELAXED); }
// Non-zero only when this library really interposes malloc (preloaded): the process has allocated through it.
int ns_malloc_count_active(void) { return __atomic_load_n(&all_calls, __ATOMIC_RELAXED) > 0; }
