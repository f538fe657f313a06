#!/usr/bin/env python3
"""Print a PDF's text as one extractor gives it, a form feed after each page.

  --engine pdfium    PDFium (Chrome's viewer) through pypdfium2: each page's
                     get_text_range()
  --engine pdfminer  pdfminer.six's extract_text()

Usage: pdf_text.py --engine pdfium|pdfminer FILE.pdf
Needs: pip install pypdfium2 pdfminer.six
"""
import argparse
import signal
import sys


def pdfium(path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        for page in doc:
            text = page.get_textpage()
            yield text.get_text_range()
            text.close()
            page.close()
    finally:
        doc.close()


def pdfminer(path):
    from pdfminer.high_level import extract_text

    # extract_text already ends each page with a form feed.
    yield extract_text(path).rstrip('\f')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--engine', choices=['pdfium', 'pdfminer'], required=True)
    parser.add_argument('pdf')
    args = parser.parse_args()
    # Quietly stop when the reader of the output does (`| head`).
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    engine = {'pdfium': pdfium, 'pdfminer': pdfminer}[args.engine]
    out = sys.stdout
    out.reconfigure(encoding='utf-8')
    for page in engine(args.pdf):
        out.write(page)
        out.write('\f')


if __name__ == '__main__':
    main()
