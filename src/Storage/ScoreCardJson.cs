using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;

namespace Openness.Storage;

/// <summary>The JSON a ScoreCard, evidence and small lists are stored as: enums as text, computed properties left out.</summary>
public static class ScoreCardJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable Chinese in the database; never embedded in HTML
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            // EvidenceUrls, Leaves, LevelOne are derived; storing them would only duplicate data.
            Modifiers = { DropReadOnlyProperties },
        },
    };

    public static string Serialize(ScoreCard card) => JsonSerializer.Serialize(card, Options);
    public static ScoreCard Deserialize(string json) =>
        JsonSerializer.Deserialize<ScoreCard>(json, Options) ?? throw new InvalidDataException("Stored ScoreCard JSON is null.");

    public static string SerializeEvidence(IReadOnlyList<Evidence> evidence) => JsonSerializer.Serialize(evidence, Options);
    public static IReadOnlyList<Evidence> DeserializeEvidence(string json) =>
        JsonSerializer.Deserialize<List<Evidence>>(json, Options) ?? [];

    public static string SerializeList<T>(IReadOnlyList<T> items) => JsonSerializer.Serialize(items, Options);
    public static IReadOnlyList<T> DeserializeList<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];

    private static void DropReadOnlyProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var p = info.Properties[i];
            if (p.Set is null && p.AssociatedParameter is null) info.Properties.RemoveAt(i);
        }
    }
}
