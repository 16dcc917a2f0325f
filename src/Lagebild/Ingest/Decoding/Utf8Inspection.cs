using System.Text;

namespace Lagebild.Ingest.Decoding;

/// <summary>Where and how much UTF-8 is broken in a byte sequence, for warnings that let the user find the bytes.</summary>
internal static class Utf8Inspection
{
    /// <summary>
    /// The offset of the first invalid byte (-1: none), the number of invalid bytes (each maximal invalid subsequence
    /// counted by its length, as a decoder replaces it) and the number of valid multi-byte sequences.
    /// </summary>
    public static (long First, long Invalid, long ValidSequences) Inspect(ReadOnlySpan<byte> bytes)
    {
        long first = -1;
        long invalid = 0;
        long valid = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            var ascii = bytes[i..].IndexOfAnyExceptInRange((byte)0x00, (byte)0x7F);
            if (ascii < 0)
            {
                break;
            }

            i += ascii;
            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                if (first < 0)
                {
                    first = i;
                }

                invalid += consumed;
            }

            i += Math.Max(consumed, 1);
        }

        return (first, invalid, valid);
    }
}
