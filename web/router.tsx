import { Spin } from 'antd';
import { Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { lazyChunk as page } from './layout/lazyChunk.js';
import { RequireAuth } from './layout/RequireAuth.js';
import { RouteError } from './layout/RouteError.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

const HomePage = page(() => import('./pages/home/HomePage.js'));
const EnterpriseListPage = page(() => import('./pages/enterprises/EnterpriseListPage.js'));
const EnterpriseFormPage = page(() => import('./pages/enterprises/EnterpriseFormPage.js'));
const EnterpriseDetailPage = page(() => import('./pages/enterprises/EnterpriseDetailPage.js'));
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage.js'));
const VillagesPage = page(() => import('./pages/VillagesPage.js'));
const UsersPage = page(() => import('./pages/UsersPage.js'));
const ReportsPage = page(() => import('./pages/reports/ReportsPage.js'));
const TownReportPage = page(() => import('./pages/reports/TownReportPage.js'));
const MobilisationPage = page(() => import('./pages/mobilisation/MobilisationPage.js'));
const ImportsPage = page(() => import('./pages/imports/ImportsPage.js'));
const SelfInspectionPage = page(() => import('./pages/selfInspection/SelfInspectionPage.js'));
const RequestQueuePage = page(() => import('./pages/departmentRequests/RequestQueuePage.js'));
const InterceptionsPage = page(() => import('./pages/interceptions/InterceptionsPage.js'));
const IncidentsPage = page(() => import('./pages/incidents/IncidentsPage.js'));
const CasesPage = page(() => import('./pages/cases/CasesPage.js'));
const JointOperationsPage = page(() => import('./pages/jointOperations/JointOperationsPage.js'));
const JointOperationDetailPage = page(() => import('./pages/jointOperations/JointOperationDetailPage.js'));
const AcceptancePage = page(() => import('./pages/acceptance/AcceptancePage.js'));
const AcceptanceTownPage = page(() => import('./pages/acceptance/AcceptanceTownPage.js'));
const NoticePage = page(() => import('./pages/acceptance/NoticePage.js'));
const SupervisionPage = page(() => import('./pages/supervision/SupervisionPage.js'));
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage.js'));
const TipsPage = page(() => import('./pages/tips/TipsPage.js'));
const AccountabilityPage = page(() => import('./pages/accountability/AccountabilityPage.js'));
const MapPage = page(() => import('./pages/map/MapPage.js'));
const WebhooksPage = page(() => import('./pages/webhooks/WebhooksPage.js'));
const ReportPage = page(() => import('./pages/public/ReportPage.js'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  // 群众举报: public, no login.
  {
    path: '/report',
    element: (
      <Suspense fallback={<Spin size="large" fullscreen />}>
        <ReportPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      // A page that fails (its chunk could not be fetched) shows RouteError inside the shell.
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'enterprises', element: <EnterpriseListPage /> },
          { path: 'enterprises/new', element: <EnterpriseFormPage /> },
          { path: 'enterprises/:id', element: <EnterpriseDetailPage /> },
          { path: 'enterprises/:id/edit', element: <EnterpriseFormPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'map', element: <MapPage /> },
          { path: 'villages', element: <VillagesPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'reports/towns/:townId', element: <TownReportPage /> },
          { path: 'mobilisation', element: <MobilisationPage /> },
          { path: 'imports', element: <ImportsPage /> },
          { path: 'self-inspection', element: <SelfInspectionPage /> },
          { path: 'requests', element: <RequestQueuePage /> },
          { path: 'joint-operations', element: <JointOperationsPage /> },
          { path: 'incidents', element: <IncidentsPage /> },
          { path: 'cases', element: <CasesPage /> },
          { path: 'interceptions', element: <InterceptionsPage /> },
          { path: 'joint-operations/:id', element: <JointOperationDetailPage /> },
          { path: 'acceptance', element: <AcceptancePage /> },
          { path: 'acceptance/towns/:townId', element: <AcceptanceTownPage /> },
          { path: 'acceptance/notices/:id', element: <NoticePage /> },
          { path: 'supervision', element: <SupervisionPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'tips', element: <TipsPage /> },
          { path: 'accountability', element: <AccountabilityPage /> },
          { path: 'webhooks', element: <WebhooksPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
