"""The English words a missing translation leaves on a German page, and how a browser test
reads what a page shows."""

import re

# English words and phrases of Django's admin and auth that a missing translation leaves
# (whole words, case-sensitive where the German word is spelled the same in lower case).
ENGLISH = [
    "Choose",
    "Chosen",
    "Remove",
    "Add",
    "Change",
    "Delete",
    "Save",
    "Search",
    "Today",
    "Now",
    "Yesterday",
    "Tomorrow",
    "Show",
    "Hide",
    "Select",
    "selected",
    "all",
    "All",
    "Available",
    "Clear",
    "Cancel",
    "password",
    "Password",
    "Enabled",
    "Disabled",
    "History",
    "View site",
    "View",
    "Log out",
    "Home",
    "Go",
    "None",
    "Unknown",
    "Yes",
    "No",
    "the",
    "and",
    "of",
    "by",
    "with",
    "Type into",
    "click",
    "Note",
    "Warning",
    "Please",
    "required",
    "Action",
    "Actions",
    "Recent",
    "Authentication",
    "Reset",
    "Set",
    "Date",
    "Time",
    "Calendar",
    "Can",
    "add",
    "change",
    "delete",
    "view",
    "name",
    "type",
    "content",
    "object",
    "Task",
    "Tasks",
    "Result",
    "Results",
    "priority",
    "queue",
    "traceback",
    "Ready",
    "Running",
    "Failed",
    "Successful",
    # the money pages (the Verfügungsfonds' decision once said "Applied for")
    "for",
    "Applied",
    "approved",
    "paid",
    "free",
]
PATTERN = re.compile(r"(?<![\w@.-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w@-])")

# Visible text plus what a screen reader or a button shows (values, labels, titles), with
# every collapsed section opened.
READ = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const parts = [document.body.innerText];
  document.querySelectorAll('input[type=submit], input[type=button], button').forEach(
    el => parts.push(el.value || '', el.getAttribute('aria-label') || ''));
  document.querySelectorAll('[title], [placeholder], img[alt]').forEach(el => parts.push(
    el.getAttribute('title') || '', el.getAttribute('placeholder') || '',
    el.getAttribute('alt') || ''));
  return parts.join('\\n');
}"""


def english_in(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for match in PATTERN.finditer(line):
            found.append(f"{match.group(1)!r} in {line.strip()[:120]!r}")
    return found


def text_of(page) -> str:
    return page.evaluate(READ)
