#ifndef SEPLAW_DISPATCH_H
#define SEPLAW_DISPATCH_H

// How CKernels picks CPU-specific code. Every kernel file includes this header and marks its
// functions with these macros instead of spelling out target attributes, so that one place decides
// (for example, a sanitizer build that cannot run ifunc resolvers turns the clones off here).

// A function compiled twice, for AVX2 and the baseline, and picked by an ifunc resolver at load time.
#if defined(__x86_64__) && defined(__linux__)
#define SEPLAW_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SEPLAW_CLONES
#endif

#endif
