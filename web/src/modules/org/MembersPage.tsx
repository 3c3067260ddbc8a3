import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COMMITTEE_POSITION_LABELS,
  COMMITTEE_POSITIONS,
  GENDER_LABELS,
  MEMBER_SORT_LABELS,
  MEMBER_STATUS_LABELS,
  type MemberSort,
} from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { download, options, useOrgList, type Member, type MemberDetail } from './orgApi';
import { RosterImport } from './RosterImport';

interface Filters {
  q?: string;
  sectorId?: string;
  partyId?: string;
  committeeId?: string;
  streetGroupId?: string;
  standing?: string;
  sort: MemberSort;
  page: number;
  pageSize: number;
}

const committeesText = (m: Member) =>
  m.committees.map((c) => (c.position === 'member' ? c.name : `${c.name}（${COMMITTEE_POSITION_LABELS[c.position]}）`)).join('、');

/** 委员名录: search by name, pinyin or initials; filter; masked personal data; detail with audited reveal; import and export. */
export default function MembersPage() {
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [filters, setFilters] = useState<Filters>({ sort: 'strokes', page: 1, pageSize: 20 });
  // /members/:id opens the list with that member's card, so that other pages can link to a member.
  const params = useParams();
  const navigate = useNavigate();
  const [selected, setSelectedState] = useState<string | null>(params.id ?? null);
  const setSelected = (id: string | null) => {
    setSelectedState(id);
    if (!id && params.id) navigate('/members', { replace: true });
  };
  const [editing, setEditing] = useState<MemberDetail | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const sectors = useOrgList('sectors');
  const parties = useOrgList('parties');
  const committees = useOrgList('committees');
  const streetGroups = useOrgList('streetGroups');
  const { q, sectorId, partyId, committeeId, streetGroupId, standing, sort, page, pageSize } = filters;
  const query = qs({ q, sectorId, partyId, committeeId, streetGroupId, standing, sort });
  const list = useQuery({
    queryKey: ['members', filters],
    queryFn: () =>
      api.get<Page<Member>>(`/api/v1/members${qs({ q, sectorId, partyId, committeeId, streetGroupId, standing, sort, page, pageSize })}`),
  });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  return (
    <Card
      title="委员名录"
      extra={
        <Space wrap>
          {can('org.manage') && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增委员
            </Button>
          )}
          {can('org.manage') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入名册
            </Button>
          )}
          {can('member.export') && (
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/members/export${query}`)}>
              导出
            </Button>
          )}
        </Space>
      }
    >
      <div className="xs-toolbar">
        <Input.Search
          allowClear
          placeholder="姓名、拼音或首字母，如 wf"
          aria-label="搜索委员"
          onSearch={(v) => set({ q: v || undefined })}
          style={{ maxWidth: 280 }}
        />
        <Select
          allowClear
          placeholder="界别"
          options={options(sectors.data?.items)}
          value={sectorId}
          onChange={(v) => set({ sectorId: v })}
          style={{ minWidth: 140 }}
        />
        <Select
          allowClear
          placeholder="党派"
          options={options(parties.data?.items)}
          value={partyId}
          onChange={(v) => set({ partyId: v })}
          style={{ minWidth: 140 }}
        />
        <Select
          allowClear
          placeholder="专委会"
          options={options(committees.data?.items)}
          value={committeeId}
          onChange={(v) => set({ committeeId: v })}
          style={{ minWidth: 160 }}
        />
        <Select
          allowClear
          placeholder="街道活动小组"
          options={options(streetGroups.data?.items)}
          value={streetGroupId}
          onChange={(v) => set({ streetGroupId: v })}
          style={{ minWidth: 160 }}
        />
        <Select
          allowClear
          placeholder="是否常委"
          value={standing}
          onChange={(v) => set({ standing: v })}
          options={[
            { value: '1', label: '常委' },
            { value: '0', label: '非常委' },
          ]}
          style={{ minWidth: 110 }}
        />
        <Select
          aria-label="排序"
          value={sort}
          onChange={(v) => set({ sort: v })}
          options={Object.entries(MEMBER_SORT_LABELS).map(([value, label]) => ({ value, label: `按${label}` }))}
          style={{ minWidth: 130 }}
        />
      </div>
      {phone ? (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有符合条件的委员' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            onChange: (p) => setFilters((f) => ({ ...f, page: p })),
            size: 'small',
            simple: true,
          }}
          renderItem={(m) => (
            <List.Item onClick={() => setSelected(m.id)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <a>{m.name}</a>
                    {m.isStandingMember ? <Tag color="red">常委</Tag> : null}
                  </Space>
                }
                description={[m.sectorName, m.employer, m.mobile].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Member>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有符合条件的委员' }}
          onRow={(m) => ({ onClick: () => setSelected(m.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 名`,
            onChange: (p, s) => setFilters((f) => ({ ...f, page: p, pageSize: s })),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (v: string) => <a>{v}</a> },
            { title: '性别', dataIndex: 'gender', render: (g: Member['gender']) => GENDER_LABELS[g] },
            { title: '界别', dataIndex: 'sectorName' },
            { title: '党派', dataIndex: 'partyName' },
            { title: '专委会', key: 'committees', render: (_, m) => committeesText(m) },
            { title: '常委', dataIndex: 'isStandingMember', render: (v: number) => (v ? <Tag color="red">常委</Tag> : '') },
            { title: '工作单位及职务', key: 'employer', render: (_, m) => [m.employer, m.jobTitle].filter(Boolean).join(' ') },
            { title: '手机', dataIndex: 'mobile' },
            { title: '街道活动小组', dataIndex: 'streetGroupName' },
          ]}
        />
      )}
      {selected && <MemberDrawer id={selected} onClose={() => setSelected(null)} onEdit={(m) => setEditing(m)} />}
      {editing && <MemberForm member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <RosterImport open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}

function MemberDrawer({ id, onClose, onEdit }: { id: string; onClose(): void; onEdit(m: MemberDetail): void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: ['members', 'detail', id], queryFn: () => api.get<MemberDetail>(`/api/v1/members/${id}`) });
  const [clear, setClear] = useState<{ mobile: string | null; email: string | null; birthDate: string | null } | null>(null);
  const [contact, setContact] = useState(false);
  const reveal = useMutation({
    mutationFn: () => api.post<{ mobile: string | null; email: string | null; birthDate: string | null }>(`/api/v1/members/${id}/reveal`),
    onSuccess: (v) => setClear(v),
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/members/${id}`),
    onSuccess: () => {
      message.success('已删除');
      void client.invalidateQueries({ queryKey: ['members'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const m = detail.data;
  const shown = clear ?? m;
  return (
    <Drawer
      open
      title={m ? `委员：${m.name}` : '委员'}
      onClose={onClose}
      width={520}
      styles={{ wrapper: { maxWidth: '100vw' } }}
      loading={detail.isLoading}
    >
      {m && shown && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="姓名">
              {m.name} {m.isLeader ? <Tag color="gold">{m.leaderTitle ?? '主席会议成员'}</Tag> : null}
              {m.isStandingMember ? <Tag color="red">常委</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="性别、民族">
              {GENDER_LABELS[m.gender]}、{m.ethnicity}
            </Descriptions.Item>
            <Descriptions.Item label="出生日期">{shown.birthDate}</Descriptions.Item>
            <Descriptions.Item label="党派">{m.partyName}</Descriptions.Item>
            <Descriptions.Item label="界别">{m.sectorName}</Descriptions.Item>
            <Descriptions.Item label="专委会">{committeesText(m)}</Descriptions.Item>
            <Descriptions.Item label="届次">{m.terms.map((t) => t.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label="工作单位及职务">{[m.employer, m.jobTitle].filter(Boolean).join(' ')}</Descriptions.Item>
            <Descriptions.Item label="手机">{shown.mobile}</Descriptions.Item>
            <Descriptions.Item label="电子邮箱">{shown.email}</Descriptions.Item>
            <Descriptions.Item label="街道活动小组">{m.streetGroupName}</Descriptions.Item>
            <Descriptions.Item label="委员工作室">{m.studioName}</Descriptions.Item>
            <Descriptions.Item label="状态">{MEMBER_STATUS_LABELS[m.status]}</Descriptions.Item>
          </Descriptions>
          {m.personalMasked && !clear && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              个人信息已脱敏显示。
            </Typography.Paragraph>
          )}
          <Space wrap style={{ marginTop: 12 }}>
            {m.canReveal && !clear && (
              <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
                查看明文（记入审计）
              </Button>
            )}
            {m.canEditContact && <Button onClick={() => setContact(true)}>修改联系方式</Button>}
            {m.canEdit && (
              <Button type="primary" onClick={() => onEdit(m)}>
                编辑
              </Button>
            )}
            {m.canEdit && (
              <Button
                danger
                onClick={() =>
                  Modal.confirm({
                    title: `删除委员「${m.name}」？`,
                    content: '已有账号或履职记录的委员不能删除，可改为“已离任”。',
                    okText: '删除',
                    cancelText: '取消',
                    onOk: () => remove.mutateAsync(),
                  })
                }
              >
                删除
              </Button>
            )}
          </Space>
          {contact && <ContactForm member={m} onClose={() => setContact(false)} />}
        </>
      )}
    </Drawer>
  );
}

function ContactForm({ member, onClose }: { member: MemberDetail; onClose(): void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: { mobile?: string; email?: string }) =>
      api.patch(`/api/v1/members/${member.id}/contact`, { mobile: values.mobile || null, email: values.email || null }),
    onSuccess: () => {
      message.success('联系方式已更新');
      void client.invalidateQueries({ queryKey: ['members'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open
      title="修改联系方式"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={member.personalMasked ? {} : { mobile: member.mobile, email: member.email }}
      >
        <Form.Item name="mobile" label="手机号码" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '应为 11 位手机号码' }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
          <Input inputMode="email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MemberForm({ member, onClose }: { member: MemberDetail | null; onClose(): void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const sectors = useOrgList('sectors');
  const parties = useOrgList('parties');
  const committees = useOrgList('committees');
  const streetGroups = useOrgList('streetGroups');
  const studios = useOrgList('studios');
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        ...v,
        isStandingMember: Boolean(v.isStandingMember),
        isLeader: Boolean(v.isLeader),
        committees: ((v.committees as { committeeId?: string; position?: string }[] | undefined) ?? []).filter((c) => c.committeeId),
      };
      // Personal fields are not in the form when masked, so masked values never overwrite the real ones.
      return member ? api.patch(`/api/v1/members/${member.id}`, body) : api.post('/api/v1/members', body);
    },
    onSuccess: () => {
      message.success('已保存');
      void client.invalidateQueries({ queryKey: ['members'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const nullable = (v: unknown) => (v === undefined || v === '' ? null : v);
  return (
    <Modal
      open
      width={640}
      title={member ? `编辑委员：${member.name}` : '新增委员'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          member
            ? {
                ...member,
                isStandingMember: Boolean(member.isStandingMember),
                isLeader: Boolean(member.isLeader),
                committees: member.committees.map((c) => ({ committeeId: c.committeeId, position: c.position })),
              }
            : { gender: 'male', ethnicity: '汉族', committees: [] }
        }
        onFinish={(v) =>
          save.mutate(
            Object.fromEntries(
              Object.entries(v).map(([k, value]) => [
                k,
                ['name', 'gender', 'sectorId', 'committees', 'isStandingMember', 'isLeader', 'ethnicity'].includes(k)
                  ? value
                  : nullable(value),
              ]),
            ),
          )
        }
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="gender" label="性别" rules={[{ required: true }]}>
            <Select style={{ width: 100 }} options={Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="ethnicity" label="民族">
            <Input style={{ width: 120 }} />
          </Form.Item>
          {!member?.personalMasked && (
            <Form.Item name="birthDate" label="出生日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 1970-01-31' }]}>
              <Input placeholder="1970-01-31" style={{ width: 140 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="sectorId" label="界别" rules={[{ required: true, message: '请选择界别' }]}>
          <Select showSearch optionFilterProp="label" options={options(sectors.data?.items)} />
        </Form.Item>
        <Form.Item name="partyId" label="党派">
          <Select allowClear showSearch optionFilterProp="label" options={options(parties.data?.items)} />
        </Form.Item>
        <Form.List name="committees">
          {(fields, { add, remove }) => (
            <Form.Item label="专委会及职务">
              {fields.map((field) => (
                <Space key={field.key} wrap style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'committeeId']} noStyle rules={[{ required: true, message: '请选择专委会' }]}>
                    <Select placeholder="专委会" style={{ width: 220 }} options={options(committees.data?.items)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'position']} noStyle initialValue="member">
                    <Select
                      style={{ width: 100 }}
                      options={COMMITTEE_POSITIONS.map((p) => ({ value: p, label: COMMITTEE_POSITION_LABELS[p] }))}
                    />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    移除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ position: 'member' })}>
                添加专委会
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="isStandingMember" label="常委" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="isLeader" label="主席会议成员/秘书长" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="leaderTitle" label="领导职务">
            <Input placeholder="如 副主席" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="employer" label="工作单位">
          <Input />
        </Form.Item>
        <Form.Item name="jobTitle" label="职务">
          <Input />
        </Form.Item>
        {!member?.personalMasked && (
          <Space wrap>
            <Form.Item name="mobile" label="手机号码" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '应为 11 位手机号码' }]}>
              <Input inputMode="tel" />
            </Form.Item>
            <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input inputMode="email" />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="streetGroupId" label="街道活动小组">
          <Select allowClear options={options(streetGroups.data?.items)} />
        </Form.Item>
        <Form.Item name="studioId" label="委员工作室">
          <Select allowClear options={options(studios.data?.items)} />
        </Form.Item>
        {member && (
          <Form.Item name="status" label="状态">
            <Select options={Object.entries(MEMBER_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
