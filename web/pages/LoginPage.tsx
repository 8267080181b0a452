import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LOGIN_FIELDS } from '../../domain/loginFields.js';
import { ApiError } from '../api/client.js';
import { useLogin, useMe } from '../api/hooks.js';
import { t } from '../i18n/index.js';
import { documentTitle } from '../layout/platformName.js';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
/** The rules of loginSchema (domain/auth.ts) as form rules: the server checks them again. */
const rulesOf = (f: (typeof LOGIN_FIELDS)[keyof typeof LOGIN_FIELDS], trim: boolean) => [
  { required: true, whitespace: trim, message: f.missing },
  { max: f.max, message: f.tooLong },
];

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  // The campaign (and its district) is only readable after login: the page names the platform generically.
  useEffect(() => {
    document.title = documentTitle(undefined);
  }, []);

  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (values: LoginValues) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (user) => {
        void message.success(t('login.welcome', { name: user.displayName }));
        void navigate(next, { replace: true });
      },
      onError: (e) => setError(e instanceof ApiError ? e.detail : t('error.unexpected')),
    });
  };

  return (
    <div className="login-page">
      <div style={{ width: '100%', maxWidth: 400 }}>
        {/* A plain box, not antd's Card: Card brings Tabs, Dropdown and Menu (≈20 KB gzip) onto the first load. */}
        <div className="login-card">
          <div className="login-heading">
            <span className="brand-seal" aria-hidden>
              {t('app.name').slice(0, 1)}
            </span>
            <Typography.Title level={3} style={{ margin: '12px 0 4px', letterSpacing: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.heading')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} id="login-error" />}
          <Form<LoginValues> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label={t('login.username')} rules={rulesOf(LOGIN_FIELDS.username, true)}>
              <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={rulesOf(LOGIN_FIELDS.password, false)}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending} id="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: 0 }}>
            {t('login.hint')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ fontSize: 13, textAlign: 'center', margin: '12px 0 0' }}>
            <a href="/report" id="login-report">
              {t('login.report')}
            </a>
          </Typography.Paragraph>
        </div>
        <div className="login-footer">{t('app.fullName')}</div>
      </div>
    </div>
  );
}
