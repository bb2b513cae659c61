// A small C shim over Debian's ICU (libicu-dev).
//
// Swift sees ICU's C functions only under versioned names (ubrk_open_72), and Foundation carries
// its own ICU headers, so this header uses <stdint.h> types only and the .c file includes ICU.
// Each function does a whole message's work in one call.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Word boundaries of `text` (UTF-16) from ICU's dictionary word break iterator for "zh".
/// Writes at most `capacity` boundary offsets (0 and `length` included) into `out`.
/// Uses one iterator per thread, reused across calls, and remembers its answers for short texts
/// (16 units at most, 4,096 texts per thread). Returns the count, or -1 on error.
int32_t cicu_word_boundaries(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity);

/// NFKC-normalizes `src` into `dst`, and for every output unit writes into `origin` the offset of
/// the input unit it came from. Text is normalized chunk by chunk between normalization
/// boundaries, which gives the same result as normalizing the whole string.
/// Returns the output length, or -1 on error (or if `capacity` is too small).
int32_t cicu_nfkc_mapped(const uint16_t *src, int32_t length, uint16_t *dst, int32_t *origin, int32_t capacity);

/// The NFKC form of every BMP code point `c < count` that normalizes on its own: `table[c]` is the
/// single BMP unit that NFKC gives for `c` when `c` has a normalization boundary before it (ICU's
/// `unorm2_hasBoundaryBefore`: nothing before `c` can change how it normalizes, nor `c` what comes
/// before it) and that form is one non-surrogate unit; -1 otherwise. A text made only of such
/// characters normalizes character by character. Returns how many are set, or -1 on error.
/// Unless `exhaustive`, ICU's quick check is read from its NFKC_Quick_Check ranges rather than asked
/// per character (the same table; the tests compare the two).
int32_t cicu_build_nfkc_table(int32_t *table, int32_t count, int32_t exhaustive);

/// 1 when NFKC leaves the code point `c` as it is and `c` has a normalization boundary before it
/// (so it normalizes on its own, to itself, in any text); 0 otherwise. For supplementary characters.
int32_t cicu_nfkc_keeps_alone(uint32_t c);

/// Turns the per-thread cache of ``cicu_word_boundaries`` answers on (the default) or off, for the
/// calling thread (tests compare the two).
void cicu_set_word_boundary_cache(int32_t enabled);

/// How many threads' ICU state (word break iterator, transliterator, boundary cache) has been freed
/// because the thread ended, since the process started (for tests).
int32_t cicu_thread_states_freed(void);

/// NFKC of `src` into `dst` without an offset map (for benchmarks and checks). Returns the length or -1.
int32_t cicu_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// Traditional→Simplified with an ICU transliterator ("Traditional-Simplified"), one call per text.
/// Kept for comparison with the table the normalizer builds from it. Returns the length or -1.
int32_t cicu_transliterate_t2s(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// Fills `table`, for the code points of each range `firsts[r] ..< firsts[r] + counts[r]` one range
/// after another, with the single code point that Traditional→Simplified then default case folding
/// give for `c` (or `c` itself when the result is not one code point); one transliterator serves
/// all the ranges. Returns the number of entries that differ from their code point, or -1.
/// `options` (for the tests): CICU_FOLD_EXHAUSTIVE asks the transliterator about every Han
/// character, not only those in its source set (the same table); CICU_FOLD_THROUGH_REGISTRY opens
/// it by ID through ICU's registry rather than from its rules in ICU's data (the same transliterator).
int32_t cicu_build_fold_table(const uint32_t *firsts, const int32_t *counts, int32_t ranges, uint32_t *table,
                              int32_t options);

#define CICU_FOLD_EXHAUSTIVE 1
#define CICU_FOLD_THROUGH_REGISTRY 2

/// The rules (`utrans_toRules`) of the "Traditional-Simplified" transliterator the fold table uses,
/// opened from its rules in ICU's data, or by ID through ICU's registry. Returns the length, or -1.
int32_t cicu_t2s_rules(int32_t throughRegistry, uint16_t *rules, int32_t capacity);

/// Fills `table[c]` for the BMP code points `c < count` with their classes, the same as
/// ``cicu_char_class`` (0 for surrogates), from ICU's property ranges rather than per code point.
/// Returns `count`, or -1 on error.
int32_t cicu_build_class_table(uint16_t *table, int32_t count);

/// Character classes as bit flags (see CICU_CLASS_*), from ICU's properties.
uint32_t cicu_char_class(uint32_t c);

#define CICU_CLASS_HAN 1u
#define CICU_CLASS_LETTER 2u
#define CICU_CLASS_DIGIT 4u
#define CICU_CLASS_PUNCT 8u
#define CICU_CLASS_SPACE 16u
#define CICU_CLASS_PICTOGRAPHIC 32u
#define CICU_CLASS_EMOJI_COMPONENT 64u
#define CICU_CLASS_IGNORABLE 128u
#define CICU_CLASS_SYMBOL 256u
#define CICU_CLASS_MARK 512u

#ifdef __cplusplus
}
#endif

#endif
