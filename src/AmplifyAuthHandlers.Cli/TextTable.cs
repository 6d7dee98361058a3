namespace AmplifyAuthHandlers.Cli;

/// <summary>Left-aligned columns separated by two spaces; the header bold when colour is allowed.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer, bool color, Func<int, string, string?>? colorOf = null)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
        {
            for (var i = 0; i < widths.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(writer, headers, widths, color ? (_, _) => Ansi.Bold : null, color);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths, color ? colorOf : null, color);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths, Func<int, string, string?>? colorOf, bool color)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            var padded = i < cells.Length - 1 ? cell.PadRight(widths[i]) : cell;
            var code = color ? colorOf?.Invoke(i, cell) : null;
            line.Append(code is null ? padded : string.Concat(code, cell, Ansi.Reset, padded.AsSpan(cell.Length)));
            if (i < cells.Length - 1)
            {
                line.Append("  ");
            }
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
