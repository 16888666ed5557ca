using ActorRuntime;
using Bunit;
using Dashboard.Auth;
using Dashboard.Operations;
using Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Unit.Dashboard.Operations;

/// <summary>Registers what the operator's panels need in a bUnit context: the node, its directory, a signed-in admin or a visitor, and <see cref="ActorOperations"/>.</summary>
internal static class OperatorTestServices
{
    /// <summary>Adds <see cref="ActorOperations"/> on <paramref name="system"/>; the user is an admin when <paramref name="admin"/>, a visitor otherwise.</summary>
    public static RecordingLogger<ActorOperations> AddOperatorTools(this BunitContext context, ActorSystem system, ActorDirectory directory, bool admin)
    {
        var authorization = context.AddAuthorization();
        if (admin)
        {
            authorization.SetAuthorized("admin").SetRoles(AdminPolicy.Role).SetPolicies(AdminPolicy.Name);
        }

        var log = new RecordingLogger<ActorOperations>();
        context.Services.AddSingleton<ILogger<ActorOperations>>(log);
        context.Services.AddSingleton(system);
        context.Services.AddSingleton(directory);
        context.Services.AddSingleton<TimeProvider>(system.Time);
        context.Services.AddScoped<ActorOperations>();
        return log;
    }
}
