using KrmOtel.Cli;

return Entry.Run(args, StdStreams.Process());
