using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace KrmOtel.Yaml;

/// <summary>
/// YamlDotNet's scanner with one parser bug worked around (18.1.0, Parser.ParseNode): after an anchored scalar
/// inside a flow mapping (<c>{a: &amp;x one, b: two}</c>) the parser looks at the next token twice without consuming
/// it, so the second look skips the <c>,</c> and the valid document is refused. A look at a token not yet consumed
/// here gives that same token again, which is what the parser does for the same scalar without an anchor.
/// </summary>
internal sealed class FlowAnchorScanner(IScanner inner) : IScanner
{
    private bool unconsumed;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext()
    {
        if (Current is not null)
            ConsumeCurrent();
        return MoveNextWithoutConsuming();
    }

    public bool MoveNextWithoutConsuming()
    {
        // at the stream end the parser asks again to make sure nothing follows: that question goes through
        if (unconsumed && inner.Current is not (null or StreamEnd))
            return true;
        return unconsumed = inner.MoveNextWithoutConsuming();
    }

    public void ConsumeCurrent()
    {
        unconsumed = false;
        inner.ConsumeCurrent();
    }
}
