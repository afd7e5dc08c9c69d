using KrmOtel.Cli;

// A render is one short batch whose objects nearly all live until the output is written: collecting while they are
// built only copies them from generation to generation (a third of the instructions of a 1,000-Deployment render).
// The first 256 MiB are allocated without a collection, so inputs up to about 2 MB never collect; past that budget,
// or where a container's memory limit refuses it, the collector works as usual.
try
{
    GC.TryStartNoGCRegion(256L << 20);
}
catch (ArgumentOutOfRangeException)
{
}
return Entry.Run(args, StdStreams.Process());
