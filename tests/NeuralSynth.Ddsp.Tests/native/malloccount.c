// Counts malloc-family calls made by the calling thread between ns_count_begin() and ns_count_end().
// Build: gcc -O2 -shared -fPIC -o libmalloccount.so malloccount.c -ldl
// Use:   NS_MALLOC_SHIM=$PWD/libmalloccount.so LD_PRELOAD=$PWD/libmalloccount.so dotnet test tests/NeuralSynth.Ddsp.Tests -c Release
// (NativeAllocationTests reads the counts; without the shim those tests only log that nothing was counted.)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

static __thread int counting;
static __thread long count;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static char bootstrap[4096];
static size_t bootstrap_used;

static void init(void) {
    if (real_malloc) return;
    real_malloc = dlsym(RTLD_NEXT, "malloc");
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
}

void *malloc(size_t n) { init(); if (counting) count++; return real_malloc(n); }
void *calloc(size_t a, size_t b) {
    if (!real_calloc) { // dlsym itself may calloc: serve it from a static buffer
        size_t n = (a * b + 15) & ~(size_t)15;
        if (bootstrap_used + n > sizeof bootstrap) return NULL;
        void *p = bootstrap + bootstrap_used; bootstrap_used += n; memset(p, 0, n); return p;
    }
    if (counting) count++;
    return real_calloc(a, b);
}
void *realloc(void *p, size_t n) { init(); if (counting) count++; return real_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) { init(); if (counting) count++; return real_posix_memalign(p, a, n); }
void *aligned_alloc(size_t a, size_t n) { init(); if (counting) count++; return real_aligned_alloc(a, n); }
void free(void *p) {
    static void (*real_free)(void *);
    if ((char *)p >= bootstrap && (char *)p < bootstrap + sizeof bootstrap) return;
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}
void ns_count_begin(void) { count = 0; counting = 1; }
long ns_count_end(void) { counting = 0; return count; }
