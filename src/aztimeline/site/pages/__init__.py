"""One module per page kind. Each has a view that gathers the data its page shows in one edition (plain data:
strings, dates, lists, dicts) and a render function that hands that data to the page's template in
site/templates/; what several views share is in site/views.py."""
