"""Builders that assemble request-scoped services from app-wide resources."""

from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.db.connections import get_session
from svc.services.comments import CommentService
from svc.services.discovery import SearchService, TrendingService
from svc.services.feed import FeedService
from svc.services.follow import FollowService
from svc.services.likes import LikeService
from svc.services.media import MediaService
from svc.services.posts import PostService


def feed_service(request: Request, session: AsyncSession = Depends(get_session)) -> FeedService:
    st = request.app.state
    return FeedService(session, st.pg_pool, st.redis, st.profiles, get_settings())


def post_service(request: Request, session: AsyncSession = Depends(get_session)) -> PostService:
    st = request.app.state
    return PostService(session, st.redis, st.pg_pool, st.search, st.notifications, get_settings())


def comment_service(request: Request, session: AsyncSession = Depends(get_session)) -> CommentService:
    st = request.app.state
    return CommentService(session, st.classifier, st.notifications, st.profiles, get_settings())


def follow_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    feed: FeedService = Depends(feed_service),
) -> FollowService:
    return FollowService(session, feed, request.app.state.notifications)


def like_service(request: Request, session: AsyncSession = Depends(get_session)) -> LikeService:
    return LikeService(session, request.app.state.redis)


def media_service(request: Request, session: AsyncSession = Depends(get_session)) -> MediaService:
    st = request.app.state
    return MediaService(session, st.storage, st.redis, get_settings())


def search_service(request: Request, session: AsyncSession = Depends(get_session)) -> SearchService:
    return SearchService(session, request.app.state.search)


def trending_service(request: Request, session: AsyncSession = Depends(get_session)) -> TrendingService:
    st = request.app.state
    return TrendingService(session, st.pg_pool, st.redis, get_settings())
