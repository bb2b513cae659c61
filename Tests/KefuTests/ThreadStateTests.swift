import CICU
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each thread opens its own ICU word break iterator and transliterator and keeps its own cache of
/// word boundaries; they are freed when the thread ends, so threads that come and go leak nothing.
#if os(Linux)
@Suite struct ThreadStateTests {
    @Test func aThreadsICUStateIsFreedWhenItEnds() throws {
        let before = cicu_thread_states_freed()
        var threads: [pthread_t] = []
        for _ in 0..<8 {
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { _ in
                let text = Array("請問這個多少錢".utf16)
                var boundaries = [Int32](repeating: -1, count: 32)
                var simplified = [UInt16](repeating: 0, count: 64)
                let count = cicu_word_boundaries(text, Int32(text.count), &boundaries, 32)
                let length = cicu_transliterate_t2s(text, Int32(text.count), &simplified, 64)
                // Fail loudly inside the thread: the main thread checks the count of freed states.
                if count < 2 || boundaries[0] != 0 || length != Int32(text.count) { abort() }
                return nil
            }, nil)
            try #require(status == 0)
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
        // Joined threads have run their destructors; other tests' threads can only add to the count.
        #expect(cicu_thread_states_freed() - before >= 8)
    }
}
#endif
