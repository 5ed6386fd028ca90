using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 that docs/export.schema.json uses (type, const, enum,
/// properties, required, additionalProperties:false, items, $ref to #/$defs, pattern, format date/date-time).
/// No validator package is available here; this keeps the documented schema and the writer honest with each other.
/// </summary>
public static class SchemaCheck
{
    public static IReadOnlyList<string> Validate(JsonElement schemaRoot, JsonElement value)
    {
        var errors = new List<string>();
        Check(schemaRoot, schemaRoot, value, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!.Replace("#/$defs/", "");
            schema = root.GetProperty("$defs").GetProperty(name);
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(t, value))) { errors.Add($"{path}: expected {string.Join("|", allowed)}, got {value.ValueKind}"); return; }
        }
        if (value.ValueKind == JsonValueKind.Null) return;
        if (schema.TryGetProperty("const", out var c) && c.GetRawText() != value.GetRawText()) errors.Add($"{path}: expected const {c}");
        if (schema.TryGetProperty("enum", out var e) && !e.EnumerateArray().Any(x => x.GetRawText() == value.GetRawText()))
            errors.Add($"{path}: {value} not in enum");
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var p) && !Regex.IsMatch(s, p.GetString()!)) errors.Add($"{path}: '{s}' does not match {p}");
            if (schema.TryGetProperty("format", out var f))
            {
                var ok = f.GetString() switch
                {
                    "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    "date-time" => DateTimeOffset.TryParseExact(s, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    _ => true,
                };
                if (!ok) errors.Add($"{path}: '{s}' is not a {f}");
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            var props = schema.TryGetProperty("properties", out var ps) ? ps : default;
            if (schema.TryGetProperty("required", out var req))
                foreach (var name in req.EnumerateArray().Select(x => x.GetString()!))
                    if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: missing required '{name}'");
            foreach (var prop in value.EnumerateObject())
            {
                if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(prop.Name, out var sub))
                    Check(root, sub, prop.Value, $"{path}.{prop.Name}", errors);
                else if (schema.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False)
                    errors.Add($"{path}: unexpected property '{prop.Name}'");
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(root, items, item, $"{path}[{i++}]", errors);
        }
    }

    private static bool Is(string type, JsonElement v) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
