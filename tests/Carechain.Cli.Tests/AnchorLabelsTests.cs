namespace Carechain.Cli.Tests;

public sealed class AnchorLabelsTests
{
    [Theory]
    [InlineData("", "application/octet-stream")]
    [InlineData("lab result", "application/pdf")]
    public void The_default_empty_label_and_plain_labels_are_accepted(string label, string mediaType)
    {
        Assert.Null(AnchorLabels.Problem(label, mediaType));
    }

    [Theory]
    [InlineData(" lead", "text/plain")]
    [InlineData("ok", "text")]
    [InlineData("ok", "text/pl ain")]
    public void Labels_and_media_types_the_notary_refuses_are_reported(string label, string mediaType)
    {
        Assert.NotNull(AnchorLabels.Problem(label, mediaType));
    }
}
