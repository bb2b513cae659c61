import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Values made on two threads, a thread of its own and the caller's, and taken by the caller
/// in order: the loader walks each YAML file's nodes in turn while the files are composed.
///
/// ```swift
/// let composed = Handoff(count: texts.count) { index in Result { try RuleFileParser.compose(texts[index]) } }
/// let first = composed.take(0)
/// ```
///
/// Each value is made once, by whichever thread claims its index first; the other thread claims
/// the next. A caller that must wait for a value makes the next unclaimed one meanwhile, so that
/// both threads keep busy until every value is claimed. Neither makes more than ``window``
/// values ahead of the caller, which bounds the memory held (a large catalog file's nodes).
///
/// The thread is one of its own, not a task of a pool: the loader is synchronous, and may be
/// called from a task that would otherwise wait for a thread its own pool owes it. Its work
/// must not reach ICU's word breaker, which keeps one iterator per thread for as long as the
/// thread lives. A pthread mutex and condition (not `Synchronization.Mutex`) guard the values,
/// so that ThreadSanitizer sees the handoff.
final class Handoff<Value>: Sendable {
    private let state: State
    /// How many values the thread may make ahead of the caller: the composed files it holds.
    static var window: Int { 2 }

    /// Starts a thread that makes values, claiming one index after another.
    ///
    /// - Parameters:
    ///   - count: How many values.
    ///   - make: Makes the value at an index, on either thread.
    init(count: Int, _ make: @escaping @Sendable (Int) -> Value) {
        let state = State(count: count, make: make)
        self.state = state
        let thread = Thread {
            while let index = state.claimForThread() { state.put(make(index), at: index) }
        }
        // As much stack as a main thread: YAML nesting goes 1,000 levels deep, each a few frames.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Lets the thread stop if the caller did not take every value.
    deinit {
        state.abandon()
    }

    /// The value at an index, making values meanwhile if it is not made yet; each is taken
    /// once, in order.
    func take(_ index: Int) -> Value {
        state.take(index)
    }

    private final class State: @unchecked Sendable {
        // @unchecked: `values`, `claimed`, `taken` and `isAbandoned` are only read or written
        // holding `mutex`. Each value is put once, by the thread that claimed its index, and
        // taken once, by the caller.
        private let mutex: UnsafeMutablePointer<pthread_mutex_t>
        private let condition: UnsafeMutablePointer<pthread_cond_t>
        private let make: @Sendable (Int) -> Value
        private var values: [Value?]
        /// How many indices, from 0, a thread has claimed.
        private var claimed = 0
        /// How many values, from 0, the caller has taken.
        private var taken = 0
        private var isAbandoned = false

        init(count: Int, make: @escaping @Sendable (Int) -> Value) {
            mutex = .allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
            condition = .allocate(capacity: 1)
            condition.initialize(to: pthread_cond_t())
            pthread_cond_init(condition, nil)
            self.make = make
            values = Array(repeating: nil, count: count)
        }

        deinit {
            pthread_cond_destroy(condition)
            condition.deallocate()
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
        }

        /// The index the caller may make next (holding `mutex`), within the window.
        private var claimable: Bool { claimed < min(values.count, taken + Handoff.window) }

        /// The next index for the thread, waiting while it is a window ahead; `nil` when done.
        func claimForThread() -> Int? {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while !isAbandoned, claimed < values.count {
                if claimable {
                    claimed += 1
                    return claimed - 1
                }
                pthread_cond_wait(condition, mutex)
            }
            return nil
        }

        func put(_ value: Value, at index: Int) {
            pthread_mutex_lock(mutex)
            values[index] = value
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }

        func take(_ index: Int) -> Value {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while true {
                if let value = values[index] {
                    values[index] = nil
                    taken = index + 1
                    pthread_cond_broadcast(condition)
                    return value
                }
                if claimable {
                    let next = claimed
                    claimed += 1
                    pthread_mutex_unlock(mutex)
                    let value = make(next)
                    pthread_mutex_lock(mutex)
                    values[next] = value
                } else {
                    pthread_cond_wait(condition, mutex)
                }
            }
        }

        func abandon() {
            pthread_mutex_lock(mutex)
            isAbandoned = true
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
    }
}
