using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace SharpStack.Core.Storage;

/// <summary>Retries operations that fail because the database went away (a restart, a dropped connection), except
/// inside a transaction the caller opened: there a retry of one statement could half-apply the unit, so it runs once
/// and a failure surfaces (units that should survive a restart run through <see cref="Transactions.RunAsync"/>).</summary>
internal sealed class PostgresExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)
{
    private readonly ExecutionStrategyDependencies _dependencies = dependencies;

    public override TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded) =>
        InTransaction ? operation(_dependencies.CurrentContext.Context, state) : base.Execute(state, operation, verifySucceeded);

    public override Task<TResult> ExecuteAsync<TState, TResult>(TState state, Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded, CancellationToken cancellationToken = default) =>
        InTransaction
            ? operation(_dependencies.CurrentContext.Context, state, cancellationToken)
            : base.ExecuteAsync(state, operation, verifySucceeded, cancellationToken);

    private bool InTransaction => _dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
}
