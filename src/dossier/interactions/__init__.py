"""The communication log (calls, e-mails, meetings, visits, WeChat) and service records."""
