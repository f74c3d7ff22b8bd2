"""A tiny hand-written stand-in for generated SDK code.

conftest copies it next to the runtime as ``rtpkg/sdk.py``, so it imports the runtime
the way generated code does (``from ._runtime import ...``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import httpx
import pydantic
from pydantic import ConfigDict, Field

from ._runtime import (
    NOT_GIVEN,
    AsyncAPIClient,
    AsyncAPIResource,
    AsyncArrayPage,
    AsyncPaginator,
    BaseModel,
    Body,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    SyncAPIClient,
    SyncAPIResource,
    SyncArrayPage,
    Timeout,
)


class Tool(BaseModel):
    id: str
    name: str | None = None
    description: str | None = None
    metadata: dict[str, object] | None = Field(default=None, alias="metadata_")


class ToolRuleParam(pydantic.BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    tool_name: str
    rule_type: str = Field(alias="type")


class ToolUpdateParams(pydantic.BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    description: str | None = Field(default=None, min_length=1)
    metadata: dict[str, object] | None = Field(default=None, alias="metadata_")
    tool_rules: list[ToolRuleParam] | None = None


class ToolsResource(SyncAPIResource):
    def retrieve(
        self,
        tool_id: str,
        *,
        x_project: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Tool:
        """Retrieve a tool."""
        return self._client.request(
            "get",
            self._client.path("/v1/tools/{tool_id}", tool_id=tool_id),
            headers={"X-Project": x_project},
            cast_to=Tool,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def update(
        self,
        tool_id: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
        metadata: dict[str, object] | None | NotGiven = NOT_GIVEN,
        tool_rules: list[ToolRuleParam] | list[Mapping[str, object]] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Tool:
        """Update a tool."""
        return self._client.request(
            "patch",
            self._client.path("/v1/tools/{tool_id}", tool_id=tool_id),
            body={"description": description, "metadata": metadata, "tool_rules": tool_rules},
            body_model=ToolUpdateParams,
            query=None,
            headers=None,
            cast_to=Tool,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def upsert(
        self, *, tool: Tool | NotGiven = NOT_GIVEN, note: str | None | NotGiven = NOT_GIVEN
    ) -> object:
        """A body without a body model."""
        return self._client.request(
            "put", "/v1/tools/", body={"tool": tool, "note": note}, cast_to=object
        )

    def delete(self, tool_id: str) -> None:
        """Delete a tool."""
        return self._client.request(
            "delete", self._client.path("/v1/tools/{tool_id}", tool_id=tool_id), cast_to=None
        )

    def count(self) -> int:
        """Count the tools."""
        return self._client.request("get", "/v1/tools/count", cast_to=int)

    def list(
        self,
        *,
        after: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        tags: list[str] | NotGiven = NOT_GIVEN,
        include_deleted: bool | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncArrayPage[Tool]:
        """List tools."""
        return self._client.get_page(
            "/v1/tools/",
            page_cls=SyncArrayPage[Tool],
            item_type=Tool,
            query={
                "after": after,
                "limit": limit,
                "tags": tags,
                "include_deleted": include_deleted,
            },
            cursor_param="after",
            item_id="id",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class McpServersToolsResource(SyncAPIResource):
    def run(self, tool_id: str, *, mcp_server_id: str, args: dict[str, object]) -> list[Tool]:
        """Run a tool (returns a list, to exercise typing forms as cast_to)."""
        return self._client.request(
            "post",
            self._client.path(
                "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
                mcp_server_id=mcp_server_id,
                tool_id=tool_id,
            ),
            body={"args": args},
            cast_to=list[Tool],
        )


class McpServersResource(SyncAPIResource):
    @cached_property
    def tools(self) -> McpServersToolsResource:
        return McpServersToolsResource(self._client)


class Letta(SyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            env_prefix="LETTA",
            default_base_url="https://api.letta.com",
            sdk_name="letta_sdk",
            version="0.1.0",
        )

    @cached_property
    def tools(self) -> ToolsResource:
        return ToolsResource(self)

    @cached_property
    def mcp_servers(self) -> McpServersResource:
        return McpServersResource(self)


class AsyncToolsResource(AsyncAPIResource):
    async def retrieve(
        self,
        tool_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Tool:
        """Retrieve a tool."""
        return await self._client.request(
            "get",
            self._client.path("/v1/tools/{tool_id}", tool_id=tool_id),
            cast_to=Tool,
            options=RequestOptions(
                extra_headers=extra_headers, timeout=timeout, max_retries=max_retries
            ),
        )

    async def update(
        self,
        tool_id: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
        metadata: dict[str, object] | None | NotGiven = NOT_GIVEN,
        extra_body: Body | None = None,
    ) -> Tool:
        """Update a tool."""
        return await self._client.request(
            "patch",
            self._client.path("/v1/tools/{tool_id}", tool_id=tool_id),
            body={"description": description, "metadata": metadata},
            body_model=ToolUpdateParams,
            cast_to=Tool,
            options=RequestOptions(extra_body=extra_body),
        )

    async def delete(self, tool_id: str) -> None:
        """Delete a tool."""
        return await self._client.request(
            "delete", self._client.path("/v1/tools/{tool_id}", tool_id=tool_id), cast_to=None
        )

    def list(
        self,
        *,
        after: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Tool, AsyncArrayPage[Tool]]:
        """List tools."""
        return self._client.get_page(
            "/v1/tools/",
            page_cls=AsyncArrayPage[Tool],
            item_type=Tool,
            query={"after": after, "limit": limit},
            cursor_param="after",
            item_id="id",
            options=RequestOptions(max_retries=max_retries),
        )


class AsyncMcpServersToolsResource(AsyncAPIResource):
    async def run(self, tool_id: str, *, mcp_server_id: str, args: dict[str, object]) -> list[Tool]:
        """Run a tool."""
        return await self._client.request(
            "post",
            self._client.path(
                "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
                mcp_server_id=mcp_server_id,
                tool_id=tool_id,
            ),
            body={"args": args},
            cast_to=list[Tool],
        )


class AsyncMcpServersResource(AsyncAPIResource):
    @cached_property
    def tools(self) -> AsyncMcpServersToolsResource:
        return AsyncMcpServersToolsResource(self._client)


class AsyncLetta(AsyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            env_prefix="LETTA",
            default_base_url="https://api.letta.com",
            sdk_name="letta_sdk",
            version="0.1.0",
        )

    @cached_property
    def tools(self) -> AsyncToolsResource:
        return AsyncToolsResource(self)

    @cached_property
    def mcp_servers(self) -> AsyncMcpServersResource:
        return AsyncMcpServersResource(self)
