using Gateway;

// A sticky reverse proxy (YARP) in front of several Dashboard nodes:
//   dotnet tools/Gateway/bin/Release/net10.0/Gateway.dll --urls http://127.0.0.1:5100 \
//     --Gateway:Nodes:0=http://127.0.0.1:5101 --Gateway:Nodes:1=http://127.0.0.1:5102
// Its appsettings.json sits next to the dll, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

if (!GatewayOptions.TryRead(builder.Configuration, out var options, out var errors))
{
    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors.Prepend("Gateway: bad configuration:")));
    return 2;
}

builder.Services.AddGateway(options);

var app = builder.Build();

app.MapGatewayStatus();
app.MapReverseProxy();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.Forwarding(app.Urls, options.Nodes));

await app.RunAsync();
return 0;
