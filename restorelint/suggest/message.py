"""A reviewed message with its rewrites: what the report shows per message."""

from __future__ import annotations

from dataclasses import dataclass

from restorelint.review.message import MessageReview
from restorelint.suggest.compose import ComposedMessage, compose
from restorelint.suggest.sentence import SentenceRewrite


@dataclass
class MessageReport(MessageReview):
    rewrites: list[SentenceRewrite] | None = None

    @classmethod
    def of(
        cls, review: MessageReview, rewrites: list[SentenceRewrite] | None = None
    ) -> MessageReport:
        return cls(**vars(review), rewrites=rewrites)

    def composed(self) -> ComposedMessage:
        return compose(self.text, self.rewrites or [], self.paragraph_ends)
