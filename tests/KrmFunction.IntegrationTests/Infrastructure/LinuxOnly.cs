using System.Runtime.Versioning;

// kpt, kustomize, podman and the linux-x64 AOT binary: these tests only make sense on Linux
[assembly: SupportedOSPlatform("linux")]
