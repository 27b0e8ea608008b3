public import ObsCollector
import Synchronization

/// The trace context of the innermost enclosing ``Bridge/span(_:parent:_:)`` scope (or
/// ``Bridge/withCurrentContext(_:_:)``), carried by a task-local so child tasks inherit it.
///
/// Reading a task-local costs about 10 ns, so leaf ``Bridge/trace(_:parent:_:)`` calls read it only
/// while some scope is bound anywhere in the process (one relaxed atomic load tells).
public enum CurrentContext {
    /// The current context, or `nil` outside every scope.
    public static var value: TraceContext? {
        boundScopes.load(ordering: .relaxed) > 0 ? storage : nil
    }

    @TaskLocal static var storage: TraceContext?

    /// How many scopes are bound right now, in any task or thread.
    static let boundScopes = Atomic<Int>(0)

    /// Runs `body` with `context` as the current context.
    static func bind<R>(_ context: TraceContext, _ body: () throws -> R) rethrows -> R {
        boundScopes.add(1, ordering: .relaxed)
        defer { boundScopes.subtract(1, ordering: .relaxed) }
        return try $storage.withValue(context, operation: body)
    }

    /// Runs async `body` with `context` as the current context.
    static func bind<R>(
        _ context: TraceContext, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        boundScopes.add(1, ordering: .relaxed)
        defer { boundScopes.subtract(1, ordering: .relaxed) }
        return try await $storage.withValue(context, operation: body, isolation: isolation)
    }
}
