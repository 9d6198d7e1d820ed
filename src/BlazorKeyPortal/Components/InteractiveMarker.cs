using Microsoft.AspNetCore.Components;

namespace BlazorKeyPortal.Components;

/// <summary>
/// The value of the <c>data-interactive</c> attribute that tells browser tests (and the circuit bench) when a part of
/// a page is live: clicks before its circuit connects land on prerendered HTML and are lost. A part that renders
/// statically for good (no render mode anywhere above it) gets no marker, so "every marker is true" means "everything
/// interactive on the page is live".
/// </summary>
public static class InteractiveMarker
{
    /// <summary>"true" once interactive, "false" while prerendered for a circuit, null (no attribute) when static.</summary>
    public static string? Of(RendererInfo renderer, IComponentRenderMode? assignedRenderMode) =>
        renderer.IsInteractive ? "true" : assignedRenderMode is null ? null : "false";
}
