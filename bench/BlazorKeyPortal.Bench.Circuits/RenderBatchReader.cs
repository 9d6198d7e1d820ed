using System.Buffers.Binary;
using System.Text;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// Reads just enough of a Blazor Server render batch (the binary format of ASP.NET Core's <c>RenderBatchWriter</c>,
/// which blazor.web.js decodes) to find an element's event handler: the diffs with their edits, the reference frames,
/// the disposed event handler ids and the string table. Offsets of those regions are the batch's last 20 bytes; edits
/// are 16 bytes, frames 20 bytes, strings are length-prefixed UTF-8 (as <see cref="BinaryWriter"/> writes them).
/// </summary>
internal sealed class RenderBatchReader(byte[] batch)
{
    // RenderTreeFrameType and RenderTreeEditType values.
    private const int ElementFrame = 1, AttributeFrame = 3;
    private const int PrependFrameEdit = 1, SetAttributeEdit = 3;

    private int Offset(int which) => Int(batch.Length - 20 + 4 * which);
    private int UpdatedComponents => Offset(0);
    private int ReferenceFrames => Offset(1);
    private int DisposedEventHandlers => Offset(3);
    private int StringTable => Offset(4);

    private int Int(int position) => BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(position));

    /// <summary>Whether the batch holds <paramref name="utf8Text"/>: new text always travels in the string table as UTF-8.</summary>
    public static bool Contains(byte[] batch, ReadOnlySpan<byte> utf8Text) => batch.AsSpan().IndexOf(utf8Text) >= 0;

    public IEnumerable<ulong> DisposedEventHandlerIds()
    {
        var count = Int(DisposedEventHandlers);
        for (var i = 0; i < count; i++) yield return BinaryPrimitives.ReadUInt64LittleEndian(batch.AsSpan(DisposedEventHandlers + 4 + 8 * i));
    }

    /// <summary>
    /// The handler of <paramref name="eventAttribute"/> (e.g. <c>onchange</c>) on the <c>input</c> elements whose
    /// class is <paramref name="inputClass"/>, as the elements appear (inserted) in this batch, with the component
    /// whose diff inserted them.
    /// </summary>
    public IEnumerable<(int ComponentId, ulong HandlerId)> InsertedInputHandlers(string inputClass, string eventAttribute)
    {
        foreach (var (componentId, edits) in Diffs())
        {
            foreach (var (type, frameIndex) in edits)
            {
                if (type != PrependFrameEdit || FrameType(frameIndex) != ElementFrame) continue;
                var end = frameIndex + Int(FramePosition(frameIndex) + 4);
                for (var i = frameIndex; i < end; i++)
                {
                    if (FrameType(i) != ElementFrame || String(Int(FramePosition(i) + 8)) != "input") continue;
                    string? cssClass = null;
                    ulong handler = 0;
                    for (var a = i + 1; a < end && FrameType(a) == AttributeFrame; a++)
                    {
                        var name = String(Int(FramePosition(a) + 4));
                        if (name == "class") cssClass = String(Int(FramePosition(a) + 8));
                        if (name == eventAttribute) handler = BinaryPrimitives.ReadUInt64LittleEndian(batch.AsSpan(FramePosition(a) + 12));
                    }
                    if (cssClass == inputClass && handler != 0) yield return (componentId, handler);
                }
            }
        }
    }

    /// <summary>New handlers that <paramref name="componentId"/>'s diff gives to an existing <paramref name="eventAttribute"/>.</summary>
    public IEnumerable<ulong> ReassignedHandlers(int componentId, string eventAttribute)
    {
        foreach (var (diffComponent, edits) in Diffs())
        {
            if (diffComponent != componentId) continue;
            foreach (var (type, frameIndex) in edits)
            {
                if (type == SetAttributeEdit && FrameType(frameIndex) == AttributeFrame && String(Int(FramePosition(frameIndex) + 4)) == eventAttribute)
                {
                    yield return BinaryPrimitives.ReadUInt64LittleEndian(batch.AsSpan(FramePosition(frameIndex) + 12));
                }
            }
        }
    }

    private IEnumerable<(int ComponentId, List<(int Type, int FrameIndex)> Edits)> Diffs()
    {
        var count = Int(UpdatedComponents);
        for (var d = 0; d < count; d++)
        {
            var position = Int(UpdatedComponents + 4 + 4 * d);
            var editCount = Int(position + 4);
            var edits = new List<(int, int)>(editCount);
            for (var e = 0; e < editCount; e++)
            {
                var edit = position + 8 + 16 * e;
                edits.Add((Int(edit), Int(edit + 8)));
            }
            yield return (Int(position), edits);
        }
    }

    private int FramePosition(int index) => ReferenceFrames + 4 + 20 * index;

    private int FrameType(int index) => index < Int(ReferenceFrames) ? Int(FramePosition(index)) : 0;

    private string? String(int index)
    {
        if (index < 0) return null;
        var position = Int(StringTable + 4 * index);
        // A 7-bit encoded length, then the UTF-8 bytes.
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = batch[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(batch, position, length);
    }
}
