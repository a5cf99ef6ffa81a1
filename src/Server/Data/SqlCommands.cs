using System.Data.Common;

namespace LiveBoard.Server.Data;

/// <summary>
/// Plain parameterised commands (@p0, @p1, …) prepared once and executed per row: for the two bulk
/// writers (the journal's group commit and the demo history), where EF Core's change tracker
/// would cost more than the inserts themselves.
/// </summary>
public static class SqlCommands
{
    public static DbCommand Prepare(DbConnection connection, string sql, int parameterCount, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static Task<int> ExecuteAsync(this DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
