"""PDFs rendered by WeasyPrint from our own templates. Nothing is fetched while rendering:
`kein_abruf()` is the url fetcher of every PDF that has no resources of its own. It is a
`URLFetcher` (WeasyPrint 70 calls methods of the fetcher: a plain function there turns a
refused image into a crash), so a reference to an outside URL is skipped, never fetched.
WeasyPrint is imported when a PDF is made, not when the site starts."""


class AbrufVerweigert(ValueError):
    """A PDF referred to a resource; it is not fetched."""


def kein_abruf():
    from weasyprint.urls import URLFetcher

    class KeinAbruf(URLFetcher):
        def fetch(self, url, headers=None):
            raise AbrufVerweigert(f"No outside resources in our PDFs: {url}")

    return KeinAbruf()
