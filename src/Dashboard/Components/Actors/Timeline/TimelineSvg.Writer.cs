using System.Globalization;
using System.Net;
using System.Text;

namespace Dashboard.Components.Actors.Timeline;

internal sealed partial class TimelineSvg
{
    /// <summary>A string builder for SVG: numbers in invariant culture with one decimal, text encoded, y relative to a row.</summary>
    private sealed class Writer(double top)
    {
        private readonly StringBuilder _text = new(1024);

        public Writer Raw(string text)
        {
            _text.Append(text);
            return this;
        }

        public Writer Text(string text)
        {
            _text.Append(WebUtility.HtmlEncode(text));
            return this;
        }

        public Writer Num(double value)
        {
            _text.Append(value.ToString("0.#", CultureInfo.InvariantCulture));
            return this;
        }

        public Writer Y(double absolute) => Num(absolute - top);

        public Writer Points(TimelineShape s) =>
            Raw(" x1=\"").Num(s.X1).Raw("\" y1=\"").Y(s.Y1).Raw("\" x2=\"").Num(s.X2).Raw("\" y2=\"").Y(s.Y2).Raw("\"");

        /// <summary>Opens an element with its class, kind, step (if any) and call ids; attributes follow, then <see cref="Titled"/>.</summary>
        public Writer Open(string element, string cssClass, string kind, TimelineShape s)
        {
            Raw("<").Raw(element).Raw(" class=\"").Raw(cssClass).Raw("\" data-kind=\"").Raw(kind).Raw("\"");
            if (s.Step != 0)
            {
                Raw(" data-step=\"").Raw(s.Step.ToString(CultureInfo.InvariantCulture)).Raw("\"");
            }

            Raw(" data-call-id=\"").Raw(Id(s)).Raw("\"");
            if (s.TargetCallId is { } target)
            {
                Raw(" data-target-call-id=\"").Raw(target.ToString(CultureInfo.InvariantCulture)).Raw("\"");
            }

            return this;
        }

        /// <summary>Closes the start tag, adds the shape's title and closes the element.</summary>
        public Writer Titled(TimelineShape s, string element) => Raw("><title>").Text(s.Title).Raw("</title></").Raw(element).Raw(">");

        /// <summary>A mark drawn around (0, 0) and moved to the shape's point.</summary>
        public void Mark(string cssClass, string kind, TimelineShape s, string body) =>
            Open("g", cssClass, kind, s).Raw(" transform=\"translate(").Num(s.X1).Raw(",").Y(s.Y1).Raw(")\"><title>").Text(s.Title).Raw("</title>").Raw(body).Raw("</g>");

        public override string ToString() => _text.ToString();
    }
}
