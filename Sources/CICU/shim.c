#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

// One word break iterator per thread: ICU iterators are not thread-safe, and opening one costs
// about three times a whole segmentation. It lives as long as its thread.
static _Thread_local UBreakIterator *word_breaker = NULL;

/* Word boundaries of short texts already asked, per thread: ICU's answer for a text depends on the
   text alone, and shoppers' gaps between lexicon words repeat (请问, 这个, 怎么, 可以). Measured
   with callgrind on Benchmarks/Data/messages.txt: ICU's dictionary breaker costs about 2,200
   instructions a message (setText, then DictionaryCache::populateDictionary per run); a hit here
   costs under a hundred. The entries hold ICU's own answers, compared unit for unit, so the result
   is ICU's; a direct-mapped table of GAP_CACHE_SLOTS bounds the memory (about 210 KB a thread). */
#define GAP_CACHE_SLOTS 4096
#define GAP_CACHE_MAX_UNITS 16

typedef struct {
    uint8_t length;  /* 0: empty slot */
    uint8_t count;
    uint16_t text[GAP_CACHE_MAX_UNITS];
    uint8_t boundaries[GAP_CACHE_MAX_UNITS + 1];
} gap_entry;

static _Thread_local gap_entry *gap_cache = NULL;
static _Thread_local int gap_cache_enabled = 1;

static gap_entry *gap_cache_slot(const uint16_t *text, int32_t length) {
    if (!gap_cache_enabled || length <= 0 || length > GAP_CACHE_MAX_UNITS) return NULL;
    if (gap_cache == NULL) {
        gap_cache = calloc(GAP_CACHE_SLOTS, sizeof(gap_entry));
        if (gap_cache == NULL) return NULL;
    }
    uint32_t hash = 2166136261u;
    for (int32_t i = 0; i < length; i++) hash = (hash ^ text[i]) * 16777619u;
    return &gap_cache[(hash ^ (hash >> 15)) & (GAP_CACHE_SLOTS - 1)];
}

void cicu_set_word_boundary_cache(int32_t enabled) { gap_cache_enabled = enabled != 0; }

static int32_t icu_word_boundaries(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity);

int32_t cicu_word_boundaries(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity) {
    if (length < 0 || capacity < 2) return -1;
    gap_entry *entry = gap_cache_slot(text, length);
    if (entry != NULL && entry->length == length && memcmp(entry->text, text, (size_t)length * sizeof(uint16_t)) == 0) {
        if (entry->count > capacity) return -1;
        for (int32_t k = 0; k < entry->count; k++) out[k] = entry->boundaries[k];
        return entry->count;
    }
    int32_t count = icu_word_boundaries(text, length, out, capacity);
    if (entry != NULL && length > 0 && count > 0 && count <= GAP_CACHE_MAX_UNITS + 1) {
        entry->length = (uint8_t)length;
        entry->count = (uint8_t)count;
        memcpy(entry->text, text, (size_t)length * sizeof(uint16_t));
        for (int32_t k = 0; k < count; k++) entry->boundaries[k] = (uint8_t)out[k];
    }
    return count;
}

static int32_t icu_word_boundaries(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (word_breaker == NULL) {
        word_breaker = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
        // "zh" answers U_USING_DEFAULT_WARNING: only a real failure counts.
        if (U_FAILURE(status)) { word_breaker = NULL; return -1; }
    }
    status = U_ZERO_ERROR;
    ubrk_setText(word_breaker, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    for (int32_t b = ubrk_first(word_breaker); b != UBRK_DONE; b = ubrk_next(word_breaker)) {
        if (count == capacity) return -1;
        out[count++] = b;
    }
    return count;
}

static const UNormalizer2 *nfkc_instance(void) {
    static const UNormalizer2 *instance = NULL;
    if (instance == NULL) {
        UErrorCode status = U_ZERO_ERROR;
        const UNormalizer2 *n = unorm2_getNFKCInstance(&status);
        if (U_FAILURE(status)) return NULL;
        instance = n;  // ICU owns the singleton; a race writes the same pointer.
    }
    return instance;
}

static int32_t next_code_point(const uint16_t *s, int32_t i, int32_t length, UChar32 *c) {
    UChar32 u = s[i++];
    if (U16_IS_LEAD(u) && i < length && U16_IS_TRAIL(s[i])) {
        u = U16_GET_SUPPLEMENTARY(u, s[i]);
        i++;
    }
    *c = u;
    return i;
}

int32_t cicu_nfkc_mapped(const uint16_t *src, int32_t length, uint16_t *dst, int32_t *origin, int32_t capacity) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (nfkc == NULL || length < 0) return -1;
    int32_t in = 0, out = 0;
    while (in < length) {
        // Copy the prefix that is already NFKC, unit for unit.
        UErrorCode status = U_ZERO_ERROR;
        int32_t span = unorm2_spanQuickCheckYes(nfkc, (const UChar *)src + in, length - in, &status);
        if (U_FAILURE(status)) return -1;
        if (out + span > capacity) return -1;
        for (int32_t k = 0; k < span; k++) { dst[out + k] = src[in + k]; origin[out + k] = in + k; }
        out += span;
        in += span;
        if (in >= length) break;
        // Back up to the last normalization boundary, then normalize up to the next one.
        int32_t start = in;
        while (start > 0) {
            int32_t p = start - 1;
            if (p > 0 && U16_IS_TRAIL(src[p]) && U16_IS_LEAD(src[p - 1])) p--;
            UChar32 c;
            next_code_point(src, start, length, &c);
            if (unorm2_hasBoundaryBefore(nfkc, c)) break;
            start = p;
        }
        out -= in - start;
        UChar32 c;
        int32_t end = next_code_point(src, in, length, &c);
        while (end < length) {
            UChar32 d;
            int32_t next = next_code_point(src, end, length, &d);
            if (unorm2_hasBoundaryBefore(nfkc, d)) break;
            end = next;
        }
        status = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(nfkc, (const UChar *)src + start, end - start, (UChar *)dst + out,
                                     capacity - out, &status);
        if (U_FAILURE(status)) return -1;
        int32_t chunk = end - start;
        for (int32_t k = 0; k < n; k++) {
            // Same length: unit for unit. Otherwise every output unit points into the chunk,
            // never past it, in order.
            origin[out + k] = start + (n == chunk ? k : (k < chunk ? k : chunk - 1));
        }
        out += n;
        in = end;
    }
    return out;
}

int32_t cicu_build_nfkc_table(int32_t *table, int32_t count) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (nfkc == NULL || count > 0x10000) return -1;
    int32_t simple = 0;
    for (int32_t c = 0; c < count; c++) {
        table[c] = -1;
        if (U_IS_SURROGATE(c) || !unorm2_hasBoundaryBefore(nfkc, c)) continue;
        UChar in[1] = {(UChar)c};
        UChar out[32];
        UErrorCode status = U_ZERO_ERROR;
        if (unorm2_quickCheck(nfkc, in, 1, &status) == UNORM_YES && U_SUCCESS(status)) {
            table[c] = c;
            simple++;
            continue;
        }
        status = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(nfkc, in, 1, out, 32, &status);
        if (U_SUCCESS(status) && n == 1 && !U16_IS_SURROGATE(out[0])) {
            table[c] = out[0];
            simple++;
        }
    }
    return simple;
}

int32_t cicu_nfkc_keeps_alone(uint32_t c) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (nfkc == NULL || c > 0x10FFFF || U_IS_SURROGATE(c)) return 0;
    if (!unorm2_hasBoundaryBefore(nfkc, (UChar32)c)) return 0;
    UChar buffer[2];
    int32_t length = 0;
    U16_APPEND_UNSAFE(buffer, length, c);
    UErrorCode status = U_ZERO_ERROR;
    return unorm2_quickCheck(nfkc, buffer, length, &status) == UNORM_YES && U_SUCCESS(status);
}

int32_t cicu_nfkc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (nfkc == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(nfkc, (const UChar *)src, length, (UChar *)dst, capacity, &status);
    return U_FAILURE(status) ? -1 : n;
}

static UTransliterator *open_t2s(void) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, "Traditional-Simplified");
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    return U_FAILURE(status) ? NULL : t;
}

static _Thread_local UTransliterator *t2s_per_thread = NULL;

int32_t cicu_transliterate_t2s(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    if (t2s_per_thread == NULL) t2s_per_thread = open_t2s();
    if (t2s_per_thread == NULL || length > capacity) return -1;
    memcpy(dst, src, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length, limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(t2s_per_thread, (UChar *)dst, &textLength, capacity, 0, &limit, &status);
    return U_FAILURE(status) ? -1 : textLength;
}

/* Marks marks[c - first] for every character in [first, first + count) on the source side of a
   rule of `t` ("臺灣 > 台湾;" marks 臺 and 灣). Returns 1 when the rules are plain pairs (no sets,
   variables, contexts, quoting or nested transliterators), so that a character left unmarked is
   one no rule can change; 0 otherwise (then nothing can be skipped). */
static int mark_rule_sources(UTransliterator *t, uint32_t first, uint8_t *marks, int32_t count) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = utrans_toRules(t, 0, NULL, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR || length <= 0) return 0;
    UChar *rules = malloc(((size_t)length + 1) * sizeof(UChar));
    if (rules == NULL) return 0;
    status = U_ZERO_ERROR;
    utrans_toRules(t, 0, rules, length + 1, &status);
    int plain = U_SUCCESS(status);
    int source = 1;  /* before the '>' of the current rule */
    for (int32_t i = 0; plain && i < length;) {
        UChar32 c;
        U16_NEXT(rules, i, length, c);
        switch (c) {
        case '>': source = 0; break;
        case ';': source = 1; break;
        case '[': case ']': case '$': case ':': case '{': case '}': case '\\': case '\'': case '|':
        case '@': case '&': case '<': case '=': case '^': case '#': case '!': case '(': case ')':
        case '*': case '+': case '?': case '.':
            plain = 0;
            break;
        default:
            if (source && c >= (UChar32)first && c < (UChar32)first + count) marks[c - (UChar32)first] = 1;
        }
    }
    free(rules);
    return plain;
}

int32_t cicu_build_fold_table(uint32_t first, uint32_t *table, int32_t count, int32_t exhaustive) {
    UTransliterator *t = open_t2s();
    if (t == NULL) return -1;
    /* Transliterating one character costs ~20,000 instructions: only the few thousand that a
       rule names are asked, not every Han character (~150 ms per process otherwise). */
    uint8_t *marks = exhaustive ? NULL : calloc((size_t)count, 1);
    int skip = marks != NULL && mark_rule_sources(t, first, marks, count);
    int32_t changed = 0;
    for (int32_t i = 0; i < count; i++) {
        UChar32 c = (UChar32)(first + (uint32_t)i);
        UChar32 result = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        int named = !skip || (result >= (UChar32)first && result < (UChar32)first + count && marks[result - (UChar32)first]);
        if (named && uscript_getScript(result, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_HAN) {
            UChar buffer[8];
            int32_t len = 0;
            U16_APPEND_UNSAFE(buffer, len, result);
            int32_t limit = len;
            UErrorCode status = U_ZERO_ERROR;
            utrans_transUChars(t, buffer, &len, 8, 0, &limit, &status);
            if (U_SUCCESS(status) && len > 0) {
                UChar32 single;
                int32_t used = 0;
                U16_NEXT_UNSAFE(buffer, used, single);
                if (used == len) result = single;
            }
        }
        table[i] = (uint32_t)result;
        if (result != c) changed++;
    }
    free(marks);
    utrans_close(t);
    return changed;
}

uint32_t cicu_char_class(uint32_t cp) {
    UChar32 c = (UChar32)cp;
    uint32_t flags = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_HAN && u_isalpha(c)) flags |= CICU_CLASS_HAN;
    else if (u_isalpha(c)) flags |= CICU_CLASS_LETTER;
    if (u_isdigit(c)) flags |= CICU_CLASS_DIGIT;
    if (u_ispunct(c)) flags |= CICU_CLASS_PUNCT;
    if (u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR) flags |= CICU_CLASS_SPACE;
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) flags |= CICU_CLASS_PICTOGRAPHIC;
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_COMPONENT) || u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER)
        || u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR))
        flags |= CICU_CLASS_EMOJI_COMPONENT;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL))
        flags |= CICU_CLASS_IGNORABLE;
    int8_t type = u_charType(c);
    if (type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL)
        flags |= CICU_CLASS_SYMBOL;
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
        flags |= CICU_CLASS_MARK;
    return flags;
}
