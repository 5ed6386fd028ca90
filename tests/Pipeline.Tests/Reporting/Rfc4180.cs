using System.Text;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), to read the CSV exports back.</summary>
internal static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r') throw new FormatException($"text after a closing quote at {i}");
                continue;
            }
            if (text[i] == ',') { row.Add(field.ToString()); field.Clear(); i++; continue; }
            if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"bare CR at {i}");
                row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i += 2; continue;
            }
            if (text[i] is '"' or '\n') throw new FormatException($"'{text[i]}' outside quotes at {i}");
            field.Append(text[i++]);
        }
        if (field.Length > 0 || row.Count > 0) throw new FormatException("last record not ended by CRLF");
        return rows;
    }
}
