# recflow worker and API. The same image runs either part: `recflow worker` or `recflow api`.
FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY bin ./bin
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
# Bundle the workflows once at build time instead of at every container start.
RUN node bin/recflow.mjs bundle dist/workflow-bundle.js
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 RECFLOW_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
EXPOSE 3000
ENTRYPOINT ["node", "bin/recflow.mjs"]
CMD ["api"]
