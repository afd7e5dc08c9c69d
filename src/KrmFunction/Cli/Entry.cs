namespace KrmOtel.Cli;

/// <summary>Picks the mode from argv (spec/krm.md: subcommands first, then a config file, else a ResourceList).</summary>
public static class Entry
{
    public static int Run(string[] args, StdStreams io)
    {
        try
        {
            return Dispatch(args, io);
        }
        catch (InvalidInputException e)
        {
            io.Error.WriteLine("krm-otel: error: " + e.Message);
            return Outcome.Refused;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a bug, never the user's fault: say so plainly and refuse; no stack trace, never exit 0 with nothing
            io.Error.WriteLine($"krm-otel: internal error ({e.GetType().Name}): {e.Message}; please report it with the input that caused it");
            return Outcome.Refused;
        }
        finally
        {
            io.Out.Flush();
        }
    }

    private static int Dispatch(string[] args, StdStreams io)
    {
        if (args.Length == 0)
            return ResourceListCommand.Run(io);
        switch (args[0])
        {
            case "--help" or "-h" or "help":
                io.Out.WriteLine(HelpText.Usage);
                return Outcome.Ok;
            case "--version" or "version":
                io.Out.WriteLine(VersionInfo.Line);
                return Outcome.Ok;
            case "render":
                return RenderCommand.Run(args[1..], io);
            case "eject":
                return EjectCommand.Run(args[1..], io);
            case "images":
                return ImagesCommand.Run(args[1..], io);
            case "doctor":
                return DoctorCommand.Run(args[1..], io);
        }
        if (args[0].StartsWith('-'))
        {
            io.Error.WriteLine($"krm-otel: unknown option {args[0]}; see krm-otel --help");
            return Outcome.Usage;
        }
        // kustomize's legacy plugins get the config file as argv[1]; kpt may append exec: words that are not files
        return File.Exists(args[0]) ? LegacyPluginCommand.Run(args[0], io) : ResourceListCommand.Run(io);
    }
}
