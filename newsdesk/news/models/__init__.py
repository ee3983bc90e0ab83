from .articles import ArticleAuthor, ArticlePage, ArticleTag, LatestDevelopmentsPin
from .checks import HeldStory, PublishingChecks
from .front import ArticleIndexPage, FrontPagePick, HomePage
from .settings import NewsSettings
from .taxonomy import Author, Category

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "Category",
    "FrontPagePick",
    "HeldStory",
    "HomePage",
    "LatestDevelopmentsPin",
    "NewsSettings",
    "PublishingChecks",
]
