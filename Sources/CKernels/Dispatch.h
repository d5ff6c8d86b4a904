#ifndef SEPLAW_DISPATCH_H
#define SEPLAW_DISPATCH_H

// How CKernels picks CPU-specific code. Every kernel file includes this header and marks its
// functions with these macros instead of spelling out target attributes, so that one place decides.

// ThreadSanitizer cannot run ifunc resolvers: the dynamic loader calls them while it relocates the
// binary, before the sanitizer runtime is initialised, and the instrumented resolver crashes in
// __tsan_func_entry. Such a build compiles the baseline versions only (ASan and normal builds keep the
// clones). SEPLAW_NO_CLONES (-Xcc -DSEPLAW_NO_CLONES) turns them off by hand.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SEPLAW_NO_CLONES 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define SEPLAW_NO_CLONES 1
#endif

// A function compiled twice, for AVX2 and the baseline, and picked by an ifunc resolver at load time.
#if defined(__x86_64__) && defined(__linux__) && !defined(SEPLAW_NO_CLONES)
#define SEPLAW_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SEPLAW_CLONES
#endif

#endif
