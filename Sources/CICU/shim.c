#include "CICU.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ures.h>
#include <unicode/udata.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* What each thread keeps: ICU's word break iterator and transliterator are not thread-safe, and
   opening one costs about three times a whole segmentation, so each thread opens its own once;
   the cache of word boundaries below is per thread too. A thread's state is freed when the thread
   ends (a pthread key's destructor), so a server whose worker threads come and go does not leak
   an iterator, a transliterator and the cache's 210 KB per thread. */
typedef struct gap_entry gap_entry;
typedef struct {
    UBreakIterator *breaker;
    gap_entry *gaps;
    UTransliterator *t2s;
} thread_state;

static _Thread_local thread_state *this_state = NULL;
static pthread_key_t state_key;
static pthread_once_t state_key_once = PTHREAD_ONCE_INIT;
static int state_key_made = 0;
static atomic_int states_freed = 0;

static void state_free(void *pointer) {
    thread_state *state = pointer;
    if (state == NULL) return;
    if (state->breaker != NULL) ubrk_close(state->breaker);
    if (state->t2s != NULL) utrans_close(state->t2s);
    free(state->gaps);
    free(state);
    this_state = NULL;  /* destructors run on the thread that ends */
    atomic_fetch_add(&states_freed, 1);
}

static void state_key_make(void) { state_key_made = pthread_key_create(&state_key, state_free) == 0; }

/* This thread's state, made on first use; NULL when out of memory. */
static thread_state *thread_state_get(void) {
    if (this_state != NULL) return this_state;
    thread_state *state = calloc(1, sizeof *state);
    if (state == NULL) return NULL;
    pthread_once(&state_key_once, state_key_make);
    if (state_key_made) pthread_setspecific(state_key, state);
    this_state = state;
    return state;
}

int32_t cicu_thread_states_freed(void) { return atomic_load(&states_freed); }

/* Word boundaries of short texts already asked, per thread: ICU's answer for a text depends on the
   text alone, and shoppers' gaps between lexicon words repeat (请问, 这个, 怎么, 可以). Measured
   with callgrind on Benchmarks/Data/messages.txt: ICU's dictionary breaker costs about 2,200
   instructions a message (setText, then DictionaryCache::populateDictionary per run); a hit here
   costs under a hundred. The entries hold ICU's own answers, compared unit for unit, so the result
   is ICU's; a direct-mapped table of GAP_CACHE_SLOTS bounds the memory (about 210 KB a thread). */
#define GAP_CACHE_SLOTS 4096
#define GAP_CACHE_MAX_UNITS 16

struct gap_entry {
    uint8_t length;  /* 0: empty slot */
    uint8_t count;
    uint16_t text[GAP_CACHE_MAX_UNITS];
    uint8_t boundaries[GAP_CACHE_MAX_UNITS + 1];
};

static _Thread_local int gap_cache_enabled = 1;

static gap_entry *gap_cache_slot(const uint16_t *text, int32_t length) {
    if (!gap_cache_enabled || length <= 0 || length > GAP_CACHE_MAX_UNITS) return NULL;
    thread_state *state = thread_state_get();
    if (state == NULL) return NULL;
    if (state->gaps == NULL) {
        state->gaps = calloc(GAP_CACHE_SLOTS, sizeof(gap_entry));
        if (state->gaps == NULL) return NULL;
    }
    gap_entry *gap_cache = state->gaps;
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
    thread_state *state = thread_state_get();
    if (state == NULL) return -1;
    if (state->breaker == NULL) {
        state->breaker = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
        // "zh" answers U_USING_DEFAULT_WARNING: only a real failure counts.
        if (U_FAILURE(status)) { state->breaker = NULL; return -1; }
    }
    UBreakIterator *word_breaker = state->breaker;
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

int32_t cicu_build_nfkc_table(int32_t *table, int32_t count, int32_t exhaustive) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (nfkc == NULL || count > 0x10000) return -1;
    /* ICU's quick check of one character is its NFKC_Quick_Check property: rather than ask
       unorm2_quickCheck per character (12 M instructions over the BMP), mark the ranges ICU lists
       as No or Maybe, and ask ICU to normalize only those (the tests compare the two ways). */
    uint8_t *notYes = NULL;
    if (!exhaustive) {
        notYes = calloc((size_t)count, 1);
        if (notYes == NULL) return -1;
        static const UNormalizationCheckResult values[] = {UNORM_NO, UNORM_MAYBE};
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            UErrorCode status = U_ZERO_ERROR;
            USet *set = uset_openEmpty();
            uset_applyIntPropertyValue(set, UCHAR_NFKC_QUICK_CHECK, values[v], &status);
            for (int32_t k = 0; U_SUCCESS(status) && k < uset_getItemCount(set); k++) {
                UChar32 start, end;
                if (uset_getItem(set, k, &start, &end, NULL, 0, &status) != 0) continue;  /* a string */
                for (UChar32 c = start; c <= end && c < count; c++) notYes[c] = 1;
            }
            uset_close(set);
            if (U_FAILURE(status)) {
                free(notYes);
                return -1;
            }
        }
    }
    int32_t simple = 0;
    for (int32_t c = 0; c < count; c++) {
        table[c] = -1;
        if (U_IS_SURROGATE(c) || !unorm2_hasBoundaryBefore(nfkc, c)) continue;
        UChar in[1] = {(UChar)c};
        UChar out[32];
        UErrorCode status = U_ZERO_ERROR;
        if (notYes != NULL ? !notYes[c] : unorm2_quickCheck(nfkc, in, 1, &status) == UNORM_YES && U_SUCCESS(status)) {
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
    free(notYes);
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

static const char *const t2s_id = "Traditional-Simplified";

/* Opens the transliterator by its ID through ICU's registry: the first open in a process builds
   the whole registry (about 1,000 IDs; 138 M of the 167 M instructions this call cost, callgrind). */
static UTransliterator *open_t2s_through_registry(void) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, t2s_id);
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    return U_FAILURE(status) ? NULL : t;
}

/* Opens the same transliterator from its rules, found in ICU's data the way ICU's registry finds
   them (translit root, RuleBasedTransliteratorIDs: an `alias` names another ID, a `file` holds the
   rules and their direction), without building the registry for every other ID: about 30 M
   instructions instead of 167 M. ICU stays the source of truth (its data, its rule parser); the
   tests compare the rules of the two transliterators. Anything unexpected goes through the registry. */
static UTransliterator *open_t2s(void) {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *root = ures_openDirect(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "translit", "root", &status);
    UResourceBundle *ids = ures_getByKey(root, "RuleBasedTransliteratorIDs", NULL, &status);
    UResourceBundle *entry = NULL, *file = NULL;
    UTransliterator *t = NULL;
    char key[64];
    strcpy(key, t2s_id);
    for (int hops = 0; hops < 4 && U_SUCCESS(status) && t == NULL; hops++) {
        entry = ures_getByKey(ids, key, entry, &status);
        UErrorCode aliasStatus = U_ZERO_ERROR;
        int32_t length = 0;
        const UChar *alias = ures_getStringByKey(entry, "alias", &length, &aliasStatus);
        if (U_SUCCESS(aliasStatus)) {
            if (length <= 0 || length >= (int32_t)sizeof key) break;
            u_austrncpy(key, alias, length);
            key[length] = 0;
            continue;
        }
        file = ures_getByKey(entry, "file", file, &status);
        const UChar *rules = ures_getStringByKey(file, "resource", &length, &status);
        int32_t directionLength = 0;
        const UChar *direction = ures_getStringByKey(file, "direction", &directionLength, &status);
        if (U_FAILURE(status) || directionLength <= 0) break;
        UTransDirection dir = direction[0] == u'R' ? UTRANS_REVERSE : UTRANS_FORWARD;
        UChar id[32];
        u_uastrcpy(id, t2s_id);
        UErrorCode openStatus = U_ZERO_ERROR;
        t = utrans_openU(id, -1, dir, rules, length, NULL, &openStatus);
        if (U_FAILURE(openStatus)) t = NULL;
        break;
    }
    ures_close(file);
    ures_close(entry);
    ures_close(ids);
    ures_close(root);
    return t != NULL ? t : open_t2s_through_registry();
}

int32_t cicu_t2s_rules(int32_t throughRegistry, uint16_t *rules, int32_t capacity) {
    UTransliterator *t = throughRegistry ? open_t2s_through_registry() : open_t2s();
    if (t == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = utrans_toRules(t, 0, (UChar *)rules, capacity, &status);
    utrans_close(t);
    return U_FAILURE(status) ? -1 : length;
}

int32_t cicu_transliterate_t2s(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    thread_state *state = thread_state_get();
    if (state == NULL) return -1;
    if (state->t2s == NULL) state->t2s = open_t2s();
    UTransliterator *t2s_per_thread = state->t2s;
    if (t2s_per_thread == NULL || length > capacity) return -1;
    memcpy(dst, src, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length, limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(t2s_per_thread, (UChar *)dst, &textLength, capacity, 0, &limit, &status);
    return U_FAILURE(status) ? -1 : textLength;
}

int32_t cicu_build_fold_table(const uint32_t *firsts, const int32_t *counts, int32_t ranges, uint32_t *table,
                              int32_t options) {
    UTransliterator *t = (options & CICU_FOLD_THROUGH_REGISTRY) ? open_t2s_through_registry() : open_t2s();
    if (t == NULL) return -1;
    /* Transliterating one character costs a few thousand instructions: only the few thousand
       characters that ICU says the transliterator may modify (its source set, by contract: a
       character outside it is left as it is) are asked, not every Han character. One bit per
       code point. */
    uint8_t *named = NULL;
    if (!(options & CICU_FOLD_EXHAUSTIVE)) {
        UErrorCode status = U_ZERO_ERROR;
        USet *source = uset_openEmpty();
        utrans_getSourceSet(t, 0, source, &status);
        named = U_SUCCESS(status) ? calloc((UCHAR_MAX_VALUE + 1) / 8, 1) : NULL;
        for (int32_t k = 0; named != NULL && k < uset_getItemCount(source); k++) {
            UChar32 start, end;
            if (uset_getItem(source, k, &start, &end, NULL, 0, &status) != 0) continue;  /* a string */
            for (UChar32 c = start; c <= end; c++) named[c >> 3] |= (uint8_t)(1u << (c & 7));
        }
        uset_close(source);
    }
    int32_t changed = 0;
    for (int32_t range = 0, i = 0; range < ranges; range++) {
        for (int32_t k = 0; k < counts[range]; k++, i++) {
            UChar32 c = (UChar32)(firsts[range] + (uint32_t)k);
            UChar32 result = u_foldCase(c, U_FOLD_CASE_DEFAULT);
            int asked = named == NULL || (named[result >> 3] >> (result & 7) & 1);
            if (asked && uscript_getScript(result, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_HAN) {
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
    }
    free(named);
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

typedef struct {
    uint16_t *table;
    int32_t count;
} class_table;

static UBool add_type_classes(const void *context, UChar32 start, UChar32 limit, UCharCategory type) {
    const class_table *classes = context;
    uint32_t mask = U_MASK(type), flags = 0;
    if (mask & U_GC_L_MASK) flags |= CICU_CLASS_LETTER;  /* u_isalpha */
    if (type == U_DECIMAL_DIGIT_NUMBER) flags |= CICU_CLASS_DIGIT;  /* u_isdigit */
    if (mask & U_GC_P_MASK) flags |= CICU_CLASS_PUNCT;  /* u_ispunct */
    if (type == U_CONTROL_CHAR) flags |= CICU_CLASS_SPACE;
    if (mask & (U_GC_SM_MASK | U_GC_SC_MASK | U_GC_SK_MASK | U_GC_SO_MASK)) flags |= CICU_CLASS_SYMBOL;
    if (mask & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_MC_MASK)) flags |= CICU_CLASS_MARK;
    for (UChar32 c = start; c < limit && c < classes->count; c++) classes->table[c] = (uint16_t)flags;
    return 1;
}

/* ORs `flags` into the classes of every code point below `count` in `set`; with `han`, turns a
   letter into a Han character instead. */
static void for_each_in_set(const USet *set, int32_t count, uint16_t *table, uint16_t flags, int han) {
    UErrorCode status = U_ZERO_ERROR;
    for (int32_t k = 0; k < uset_getItemCount(set); k++) {
        UChar32 start, end;
        if (uset_getItem(set, k, &start, &end, NULL, 0, &status) != 0 || U_FAILURE(status)) continue;
        for (UChar32 c = start; c <= end && c < count; c++) {
            if (!han) {
                table[c] |= flags;
            } else if (table[c] & CICU_CLASS_LETTER) {
                table[c] = (uint16_t)((table[c] & ~CICU_CLASS_LETTER) | CICU_CLASS_HAN);
            }
        }
    }
}

int32_t cicu_build_class_table(uint16_t *table, int32_t count) {
    if (count < 0 || count > 0x10000) return -1;
    class_table classes = {table, count};
    u_enumCharTypes(add_type_classes, &classes);
    static const struct { UProperty property; uint16_t flags; } binary[] = {
        {UCHAR_WHITE_SPACE, CICU_CLASS_SPACE},  /* u_isUWhiteSpace */
        {UCHAR_EXTENDED_PICTOGRAPHIC, CICU_CLASS_PICTOGRAPHIC},
        {UCHAR_EMOJI_COMPONENT, CICU_CLASS_EMOJI_COMPONENT},
        {UCHAR_EMOJI_MODIFIER, CICU_CLASS_EMOJI_COMPONENT},
        {UCHAR_VARIATION_SELECTOR, CICU_CLASS_EMOJI_COMPONENT},
        {UCHAR_REGIONAL_INDICATOR, CICU_CLASS_EMOJI_COMPONENT},
        {UCHAR_DEFAULT_IGNORABLE_CODE_POINT, CICU_CLASS_IGNORABLE},
        {UCHAR_BIDI_CONTROL, CICU_CLASS_IGNORABLE},
    };
    for (size_t k = 0; k < sizeof binary / sizeof binary[0]; k++) {
        UErrorCode status = U_ZERO_ERROR;
        const USet *set = u_getBinaryPropertySet(binary[k].property, &status);
        if (U_FAILURE(status)) return -1;
        for_each_in_set(set, count, table, binary[k].flags, 0);
    }
    /* A Han-script letter is Han rather than a letter (as cicu_char_class decides). */
    UErrorCode status = U_ZERO_ERROR;
    USet *han = uset_openEmpty();
    uset_applyIntPropertyValue(han, UCHAR_SCRIPT, USCRIPT_HAN, &status);
    if (U_SUCCESS(status)) for_each_in_set(han, count, table, 0, 1);
    uset_close(han);
    if (U_FAILURE(status)) return -1;
    /* Surrogate code units have no classes. */
    for (int32_t c = 0xD800; c <= 0xDFFF && c < count; c++) table[c] = 0;
    return count;
}
