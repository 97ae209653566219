"""A certificate as a one-page PDF (A4 landscape), drawn with fpdf2.

Names may be in any script: a Unicode TrueType font is used when the system has one (DejaVu
Sans, Debian's fonts-dejavu-core); without it the built-in Helvetica is used and characters it
cannot show are replaced, so the PDF is always produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
)
INK = (29, 36, 48)
MUTED = (91, 100, 114)
ACCENT = (31, 95, 191)


@dataclass(frozen=True)
class CertificateText:
    """Everything the PDF prints; the caller decides what the viewer may see."""

    name: str
    rank: str
    awarded_at: datetime
    code: str
    verify_url: str
    revoked: bool = False


def unicode_font(candidates: tuple[Path, ...] = FONT_CANDIDATES) -> Path | None:
    return next((path for path in candidates if path.is_file()), None)


def certificate_pdf(text: CertificateText, font: Path | None) -> bytes:
    """The certificate as PDF bytes, in `font` (a TrueType file; None: Helvetica, Latin-1)."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"Frontline certificate: {text.rank}")
    pdf.set_author("Frontline")
    pdf.set_creator("Frontline")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    family = "Helvetica"
    if font is not None:
        pdf.add_font("Certificate", "", str(font))
        family = "Certificate"

    def write(value: str, size: float, colour: tuple[int, int, int], height: float) -> None:
        if family == "Helvetica":
            value = value.encode("latin-1", "replace").decode("latin-1")
        pdf.set_font(family, size=size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, height, value, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)
    pdf.set_line_width(0.3)
    pdf.rect(16, 16, pdf.w - 32, pdf.h - 32)
    pdf.set_y(34)
    write("FRONTLINE", 14, ACCENT, 8)
    write("Certificate of rank", 30, INK, 16)
    pdf.ln(6)
    write("This certifies that", 13, MUTED, 8)
    write(text.name, 28, INK, 14)
    write("has reached the rank of", 13, MUTED, 8)
    write(text.rank, 24, ACCENT, 13)
    write(f"on {text.awarded_at:%d %B %Y}", 13, MUTED, 8)
    if text.revoked:
        pdf.ln(4)
        write("REVOKED: this certificate is no longer valid", 16, (179, 38, 30), 9)
    pdf.set_y(pdf.h - 52)
    write(f"Verification code: {text.code}", 12, INK, 7)
    write(f"Check it at {text.verify_url}", 10, MUTED, 6)
    return bytes(pdf.output())
