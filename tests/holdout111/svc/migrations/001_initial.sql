CREATE TYPE team_role AS ENUM ('captain', 'member', 'coach');
CREATE TYPE contest_status AS ENUM ('draft', 'scheduled', 'running', 'finished', 'archived');
CREATE TYPE submission_status AS ENUM ('queued', 'dispatched', 'running', 'judged', 'failed');
CREATE TYPE verdict AS ENUM ('AC', 'WA', 'TLE', 'MLE', 'RE', 'CE', 'PE', 'SE');
CREATE TYPE clarification_status AS ENUM ('pending', 'answered', 'dismissed');

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    handle VARCHAR(32) NOT NULL UNIQUE,
    email VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    display_name VARCHAR(64),
    country CHAR(2),
    rating INTEGER NOT NULL DEFAULT 1500,
    max_rating INTEGER NOT NULL DEFAULT 1500,
    rated_contests INTEGER NOT NULL DEFAULT 0,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    is_jury BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_users_rating ON users (rating);
CREATE INDEX ix_users_lower_handle ON users (lower(handle));

CREATE TABLE teams (
    id SERIAL PRIMARY KEY,
    name VARCHAR(64) NOT NULL UNIQUE,
    institution VARCHAR(128),
    captain_id INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    id SERIAL PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    role team_role NOT NULL DEFAULT 'member',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_team_members_team_user UNIQUE (team_id, user_id)
);
CREATE INDEX ix_team_members_user_id ON team_members (user_id);

CREATE TABLE contests (
    id SERIAL PRIMARY KEY,
    slug VARCHAR(64) NOT NULL UNIQUE,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    status contest_status NOT NULL DEFAULT 'draft',
    start_at TIMESTAMPTZ NOT NULL,
    end_at TIMESTAMPTZ NOT NULL,
    freeze_at TIMESTAMPTZ,
    unfrozen BOOLEAN NOT NULL DEFAULT FALSE,
    penalty_minutes INTEGER NOT NULL DEFAULT 20,
    team_mode BOOLEAN NOT NULL DEFAULT TRUE,
    rated BOOLEAN NOT NULL DEFAULT FALSE,
    rating_applied BOOLEAN NOT NULL DEFAULT FALSE,
    reminder_sent BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_contests_status_start_at ON contests (status, start_at);
CREATE INDEX ix_contests_end_at ON contests (end_at);

CREATE TABLE contest_registrations (
    id SERIAL PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    team_id INTEGER REFERENCES teams (id),
    official BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_contest_registrations_contest_user ON contest_registrations (contest_id, user_id);

CREATE TABLE problems (
    id SERIAL PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    code VARCHAR(4) NOT NULL,
    title VARCHAR(200) NOT NULL,
    statement_key VARCHAR(255),
    checker VARCHAR(32) NOT NULL DEFAULT 'exact',
    time_limit_ms INTEGER NOT NULL DEFAULT 2000,
    memory_limit_mb INTEGER NOT NULL DEFAULT 256,
    solved_count INTEGER NOT NULL DEFAULT 0,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    tests_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_problems_contest_code UNIQUE (contest_id, code)
);

CREATE TABLE test_cases (
    id SERIAL PRIMARY KEY,
    problem_id INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    input_key VARCHAR(255) NOT NULL,
    answer_key VARCHAR(255) NOT NULL,
    is_sample BOOLEAN NOT NULL DEFAULT FALSE,
    weight INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_test_cases_problem_ordinal ON test_cases (problem_id, ordinal);

CREATE TABLE submissions (
    id BIGSERIAL PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    problem_id INTEGER NOT NULL REFERENCES problems (id),
    team_id INTEGER REFERENCES teams (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    language VARCHAR(16) NOT NULL,
    source_key VARCHAR(255) NOT NULL,
    source_hash VARCHAR(64) NOT NULL,
    source_size INTEGER NOT NULL,
    status submission_status NOT NULL DEFAULT 'queued',
    verdict verdict,
    judge_job_id VARCHAR(64),
    failed_test INTEGER,
    time_ms INTEGER,
    memory_kb INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    submitted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    judged_at TIMESTAMPTZ
);
CREATE INDEX ix_submissions_contest_team ON submissions (contest_id, team_id);
CREATE INDEX ix_submissions_contest_problem ON submissions (contest_id, problem_id);
CREATE INDEX ix_submissions_user_submitted ON submissions (user_id, submitted_at);
CREATE INDEX ix_submissions_status_id ON submissions (status, id);

CREATE TABLE test_results (
    id BIGSERIAL PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    test_case_id INTEGER NOT NULL REFERENCES test_cases (id),
    verdict verdict NOT NULL,
    time_ms INTEGER NOT NULL DEFAULT 0,
    memory_kb INTEGER NOT NULL DEFAULT 0,
    checker_message VARCHAR(512)
);

CREATE TABLE clarifications (
    id SERIAL PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    problem_id INTEGER REFERENCES problems (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    answered_by INTEGER REFERENCES users (id),
    question TEXT NOT NULL,
    answer TEXT,
    status clarification_status NOT NULL DEFAULT 'pending',
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_clarifications_contest_created ON clarifications (contest_id, created_at);

CREATE TABLE rating_changes (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    rank INTEGER NOT NULL,
    old_rating INTEGER NOT NULL,
    new_rating INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_rating_changes_user_contest UNIQUE (user_id, contest_id)
);
CREATE INDEX ix_rating_changes_user_created ON rating_changes (user_id, created_at);

CREATE TABLE plagiarism_reports (
    id SERIAL PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    problem_id INTEGER NOT NULL REFERENCES problems (id),
    submission_a BIGINT NOT NULL REFERENCES submissions (id),
    submission_b BIGINT NOT NULL REFERENCES submissions (id),
    score DOUBLE PRECISION NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'open',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_plagiarism_reports_contest_problem ON plagiarism_reports (contest_id, problem_id);
